/** Public entry of the emulators: import from here in tests, benchmarks and scripts. */
export { startFactorialEmulator } from './factorial';
export type {
	FactorialEmulator,
	FactorialEmulatorOptions,
	WebhookSubscription,
	DeliveryRecord,
	EmployeeChange,
	FactorialStore,
} from './factorial';
export { startJumpCloudEmulator } from './jumpcloud';
export type {
	JumpCloudEmulator,
	JumpCloudEmulatorOptions,
	SystemUser,
	UserGroup,
	ScheduledJob,
	JumpCloudEvent,
	MirrorSpec,
	JumpCloudStore,
} from './jumpcloud';
export {
	generateCompany,
	jumpCloudMirror,
	livedInDirectory,
	LIVED_IN_ADMIN_GROUPS,
	romanise,
} from './seed';
export type {
	DemoCompany,
	SeedOptions,
	EmployeeRecord,
	JumpCloudMirror,
	JumpCloudMirrorOptions,
	LivedInDirectory,
	LivedInOptions,
} from './seed';
export { createRng, ALL_FAULT_KINDS } from './common';
export type {
	CommonEmulatorOptions,
	FaultKind,
	FaultOptions,
	FaultMatch,
	RateLimitOptions,
	RequestCounters,
	RouteClass,
} from './common';
export * as contract from './constants';
