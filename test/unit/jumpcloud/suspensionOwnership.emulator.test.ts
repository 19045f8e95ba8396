/**
 * The sync reactivates only what it suspended, and relinks a rehire only with proof (issue 21), against
 * the JumpCloud emulator over real HTTP. "IT" suspends users through the emulator's public API, as an
 * admin or another tool would (a PUT of state, no mark).
 */
import type { IDataObject } from 'n8n-workflow';

import { OWNERSHIP_ATTRIBUTE } from '../../../nodes/lib/groupOwnership';
import { SUSPENSION_MARK } from '../../../nodes/lib/suspensionMark';
import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators/jumpcloud';
import { runJumpCloudOn } from '../../helpers/jumpCloudEmulatorRun';

let jc: JumpCloudEmulator;
beforeAll(async () => {
	jc = await startJumpCloudEmulator({ seed: 'suspension-ownership' });
});
afterAll(async () => jc.close());

async function api(method: string, path: string, body?: unknown): Promise<IDataObject> {
	const res = await fetch(`${jc.url}/api${path}`, {
		method,
		headers: { 'x-api-key': jc.apiKey, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
	return (text ? JSON.parse(text) : {}) as IDataObject;
}

async function run(params: IDataObject): Promise<IDataObject> {
	return await runJumpCloudOn(jc, { authentication: 'apiKey', ...params });
}

let n = 0;
function newUser(extra: IDataObject = {}): string {
	n++;
	const [u] = jc.insertUsers([
		{
			username: `user${n}`,
			email: `user${n}@example.com`,
			employeeIdentifier: `${n}`,
			state: 'ACTIVATED',
			...extra,
		},
	]);
	return u._id;
}
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const stored = (id: string) => jc.findUser({ id })!;
const mark = (id: string) =>
	((stored(id).attributes as IDataObject[]) ?? []).find((a) => a.name === SUSPENSION_MARK)?.value;
/** IT suspends the user in JumpCloud (incident response): no mark. */
const itSuspends = async (id: string) =>
	await api('PUT', `/systemusers/${id}`, { state: 'SUSPENDED' });

describe('User State: the sync reactivates only what it suspended', () => {
	it('Suspend records the mark in the same PUT, keeping other custom attributes', async () => {
		const id = newUser({ attributes: [{ name: 'costCentre', value: '7' }] });
		const before = Date.now();
		await run({ resource: 'userState', operation: 'suspend', user: byId(id) });
		expect(stored(id).state).toBe('SUSPENDED');
		expect(Date.parse(String(mark(id)))).toBeGreaterThanOrEqual(before - 1000);
		expect(stored(id).attributes).toContainEqual({ name: 'costCentre', value: '7' });
	});

	it("Reactivate lifts the sync's suspension and clears the mark", async () => {
		const id = newUser({ attributes: [{ name: 'costCentre', value: '7' }] });
		await run({ resource: 'userState', operation: 'suspend', user: byId(id) });
		expect(mark(id)).toBeDefined();
		const out = await run({ resource: 'userState', operation: 'reactivate', user: byId(id) });
		expect(out).toMatchObject({ reactivated: true });
		expect(stored(id).state).toBe('ACTIVATED');
		expect(mark(id)).toBeUndefined();
		expect(stored(id).attributes).toEqual([{ name: 'costCentre', value: '7' }]);
	});

	it("Reactivate leaves IT's suspension alone and reports it, unless Reactivate Anyway", async () => {
		const id = newUser();
		await itSuspends(id);
		const out = await run({ resource: 'userState', operation: 'reactivate', user: byId(id) });
		expect(out).toMatchObject({ reactivated: false, suspendedOutsideSync: true });
		expect(String(out.reason)).toMatch(/suspended outside the sync/);
		expect(stored(id).state).toBe('SUSPENDED');
		const anyway = await run({
			resource: 'userState',
			operation: 'reactivate',
			user: byId(id),
			ifSuspendedOutsideSync: 'reactivate',
		});
		expect(anyway).toMatchObject({ reactivated: true });
		expect(stored(id).state).toBe('ACTIVATED');
	});

	it('Suspend of a user IT already suspended writes no mark', async () => {
		const id = newUser();
		await itSuspends(id);
		await run({ resource: 'userState', operation: 'suspend', user: byId(id) });
		expect(mark(id)).toBeUndefined();
	});

	it("Activate with If Suspended: Reactivate leaves IT's suspension alone", async () => {
		const id = newUser();
		await itSuspends(id);
		const out = await run({
			resource: 'userState',
			operation: 'activate',
			user: byId(id),
			activationEmail: 'none',
			ifSuspended: 'reactivate',
		});
		expect(out).toMatchObject({ activated: false, suspendedOutsideSync: true });
		expect(stored(id).state).toBe('SUSPENDED');
	});

	it("a scheduled suspension marks its instant; IT's earlier suspension is still not the sync's", async () => {
		const id = newUser();
		const out = await run({
			resource: 'userState',
			operation: 'schedule',
			user: byId(id),
			targetState: 'SUSPENDED',
			startDate: '2099-03-01T23:59:00',
			timezone: 'Europe/Madrid',
		});
		expect(out).toMatchObject({ scheduled: true, suspensionMarkedAt: '2099-03-01T22:59:00.000Z' });
		expect(mark(id)).toBe('2099-03-01T22:59:00.000Z');
		await itSuspends(id);
		const r = await run({ resource: 'userState', operation: 'reactivate', user: byId(id) });
		expect(r).toMatchObject({ reactivated: false, suspendedOutsideSync: true });
		expect(String(r.reason)).toMatch(/scheduled for 2099-03-01T22:59:00.000Z/);
		expect(stored(id).state).toBe('SUSPENDED');
	});

	it("a scheduled activation does not lift IT's suspension", async () => {
		const id = newUser();
		await itSuspends(id);
		const out = await run({
			resource: 'userState',
			operation: 'schedule',
			user: byId(id),
			targetState: 'ACTIVATED',
			startDate: '2099-03-01T09:00:00',
			timezone: 'Europe/Madrid',
			sendActivationEmails: false,
		});
		expect(out).toMatchObject({ scheduled: false, suspendedOutsideSync: true });
		expect(jc.jobs().filter((j) => j.userIds.includes(id))).toEqual([]);
	});
});

describe('User → Relink to Rehired Employee: proof, not a freed email', () => {
	const earlier = (ci?: string) => ({
		id: 7000 + n,
		full_name: 'Old Admin',
		active: false,
		terminated_on: '2025-01-31',
		...(ci === undefined ? {} : { company_identifier: ci }),
	});
	const hire = (ci?: string) => ({
		id: 9000 + n,
		full_name: 'New Person',
		...(ci === undefined ? {} : { company_identifier: ci }),
	});

	async function suspendedAdmin(): Promise<{ id: string; admins: string; team: string }> {
		const id = newUser({ sudo: true });
		await api('PUT', `/systemusers/${id}`, { employeeIdentifier: String(7000 + n) });
		const admins = (await api('POST', '/v2/usergroups', { name: `Domain Admins ${n}` }))
			.id as string;
		const team = (
			await api('POST', '/v2/usergroups', {
				name: `Sales ${n}`,
				attributes: { [OWNERSHIP_ATTRIBUTE]: { team: `Sales ${n}`, how: 'created' } },
			})
		).id as string;
		for (const g of [admins, team])
			await api('POST', `/v2/usergroups/${g}/members`, { op: 'add', type: 'user', id });
		await run({ resource: 'userState', operation: 'suspend', user: byId(id) });
		return { id, admins, team };
	}

	const relink = async (id: string, newEmployee: IDataObject, earlierEmployee: IDataObject) =>
		await run({
			resource: 'user',
			operation: 'relink',
			user: byId(id),
			newEmployee,
			earlierEmployee,
		});

	it('an empty company_identifier on the new record: not relinked, nothing changed', async () => {
		const { id } = await suspendedAdmin();
		const before = { ...stored(id) };
		const out = await relink(id, hire(), earlier('E-1'));
		expect(out).toMatchObject({ relinked: false, possibleRehire: true });
		expect(String(out.reason)).toMatch(/company_identifier is missing on the new record/);
		expect(out.newEmployee).toMatchObject({ identifier: '' });
		expect(out.earlierEmployee).toMatchObject({ identifier: 'E-1' });
		expect(stored(id)).toEqual(before);
		expect(jc.groupsOf(id)).toHaveLength(2);
	});

	it('a different company_identifier: not relinked', async () => {
		const { id } = await suspendedAdmin();
		const out = await relink(id, hire('E-2'), earlier('E-1'));
		expect(out).toMatchObject({ relinked: false, possibleRehire: true });
		expect(stored(id).employeeIdentifier).toBe(String(7000 + n));
	});

	it('equal: relinked, groups the sync does not own removed and listed, sudo off, still suspended', async () => {
		const { id } = await suspendedAdmin();
		const out = await relink(id, hire('E-3'), earlier('E-3'));
		expect(out).toMatchObject({
			relinked: true,
			removedGroups: [{ name: `Domain Admins ${n}` }],
		});
		expect(stored(id)).toMatchObject({
			employeeIdentifier: String(9000 + n),
			sudo: false,
			state: 'SUSPENDED',
		});
		expect(jc.groupsOf(id)).toEqual([`Sales ${n}`]);
	});

	it('equal, but IT suspended the account: not relinked', async () => {
		const id = newUser();
		await api('PUT', `/systemusers/${id}`, { employeeIdentifier: String(7000 + n) });
		await itSuspends(id);
		const out = await relink(id, hire('E-4'), earlier('E-4'));
		expect(out).toMatchObject({ relinked: false, suspendedOutsideSync: true });
	});
});
