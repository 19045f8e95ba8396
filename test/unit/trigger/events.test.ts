import {
	FACTORIAL_EVENTS,
	buildEventItem,
	getFactorialEvent,
	getFactorialEventBySubscriptionType,
	isFactorialEventName,
	normaliseEmployee,
	toFactorialId,
} from '../../../nodes/Factorial/events';

const employeePayload = {
	id: 2,
	access_id: 1,
	first_name: 'Ana',
	last_name: 'Blanco Perez',
	full_name: 'Ana Blanco Perez',
	preferred_name: 'Anita',
	email: 'ana@factorial.com',
	personal_email: 'ana.private@example.com',
	company_id: 1,
	legal_entity_id: 3,
	location_id: '4',
	manager_id: 5,
	company_identifier: 'bb9d281e',
	is_terminating: true,
	terminated_on: '2026-12-31',
	active: true,
	updated_at: '2026-11-20T10:15:00.000Z',
};

describe('events catalogue', () => {
	it('has unique names and unique subscription types', () => {
		const names = FACTORIAL_EVENTS.map((e) => e.name);
		const types = FACTORIAL_EVENTS.map((e) => e.subscriptionType);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(types).size).toBe(types.length);
	});

	it('maps stable names to Factorial subscription types both ways', () => {
		expect(getFactorialEvent('employee.created')?.subscriptionType).toBe(
			'employees/employee/create_with_contract',
		);
		expect(getFactorialEventBySubscriptionType('teams/membership/delete')?.name).toBe(
			'team_membership.deleted',
		);
		expect(getFactorialEvent('employee.deleted')).toBeUndefined();
	});

	it('guards untrusted event names', () => {
		expect(isFactorialEventName('employee.terminated')).toBe(true);
		expect(isFactorialEventName('employees/employee/terminate')).toBe(false);
		expect(isFactorialEventName(['employee.terminated'])).toBe(false);
		expect(isFactorialEventName(undefined)).toBe(false);
	});
});

describe('toFactorialId', () => {
	it('turns integer IDs of older API versions into strings and keeps strings', () => {
		expect(toFactorialId(42)).toBe('42');
		expect(toFactorialId('18446744073709551615')).toBe('18446744073709551615');
		expect(toFactorialId(null)).toBeNull();
		expect(toFactorialId('')).toBeNull();
		expect(toFactorialId({})).toBeNull();
		expect(toFactorialId(Number.NaN)).toBeNull();
	});
});

describe('normaliseEmployee', () => {
	it('maps the identity fields, with string IDs and the work email only', () => {
		expect(normaliseEmployee(employeePayload)).toEqual({
			id: '2',
			firstName: 'Ana',
			lastName: 'Blanco Perez',
			preferredName: 'Anita',
			fullName: 'Ana Blanco Perez',
			workEmail: 'ana@factorial.com',
			active: true,
			isTerminating: true,
			terminatedOn: '2026-12-31',
			managerId: '5',
			locationId: '4',
			legalEntityId: '3',
			companyIdentifier: 'bb9d281e',
			updatedAt: '2026-11-20T10:15:00.000Z',
		});
	});

	it('never falls back to the personal email and turns missing fields into null', () => {
		const result = normaliseEmployee({
			id: '9',
			first_name: 'Bob',
			email: null,
			personal_email: 'bob@home.example',
		});
		expect(result.workEmail).toBeNull();
		expect(result.fullName).toBe('Bob');
		expect(result.lastName).toBeNull();
		expect(result.active).toBeNull();
		expect(JSON.stringify(result)).not.toContain('bob@home.example');
	});
});

describe('buildEventItem', () => {
	it('builds an employee item with normalised fields, author and raw payload', () => {
		const item = buildEventItem({
			event: 'employee.terminated',
			payload: employeePayload,
			receivedAt: new Date('2026-11-20T10:16:00.000Z'),
			authorId: '7',
			authorType: 'employee',
		});
		expect(item).toMatchObject({
			event: 'employee.terminated',
			subscriptionType: 'employees/employee/terminate',
			resourceType: 'employee',
			resourceId: '2',
			employeeId: '2',
			authorId: '7',
			authorType: 'employee',
			receivedAt: '2026-11-20T10:16:00.000Z',
			source: 'webhook',
			raw: employeePayload,
		});
		expect(item.employee?.workEmail).toBe('ana@factorial.com');
	});

	it('points membership items at the member and leaves the employee block out', () => {
		const item = buildEventItem({
			event: 'team_membership.created',
			payload: { id: 11, employee_id: 2, team_id: 3, lead: false },
			receivedAt: '2026-11-20T10:16:00.000Z',
		});
		expect(item.resourceId).toBe('11');
		expect(item.employeeId).toBe('2');
		expect(item.authorId).toBeNull();
		expect(item.authorType).toBeNull();
		expect(item).not.toHaveProperty('employee');
	});

	it('carries the change list of the poll trigger', () => {
		const item = buildEventItem({
			event: 'employee.updated',
			payload: employeePayload,
			receivedAt: '2026-11-20T10:16:00.000Z',
			source: 'poll',
			changes: { workEmail: { old: 'a@x.example', new: 'ana@factorial.com' } },
		});
		expect(item.source).toBe('poll');
		expect(item.changes).toEqual({ workEmail: { old: 'a@x.example', new: 'ana@factorial.com' } });
	});

	it('refuses an event outside the catalogue', () => {
		expect(() =>
			buildEventItem({
				event: 'employee.exploded' as never,
				payload: {},
				receivedAt: '2026-01-01',
			}),
		).toThrow("Unknown Factorial event 'employee.exploded'");
	});
});

describe('poll-only events', () => {
	it('builds an employee.deleted item without a subscription type', () => {
		const item = buildEventItem({
			event: 'employee.deleted',
			payload: { id: 4, first_name: 'Gone' },
			receivedAt: '2026-11-20T10:16:00.000Z',
			source: 'poll',
		});
		expect(item.subscriptionType).toBeNull();
		expect(item.employee?.id).toBe('4');
		expect(isFactorialEventName('employee.deleted')).toBe(false);
	});
});
