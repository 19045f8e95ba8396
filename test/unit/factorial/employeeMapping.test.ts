import {
	buildEnrichmentIndex,
	enrichEmployee,
	getWorkEmail,
	isValidEmail,
	pickCurrentContractVersion,
	SIMPLIFIED_EMPLOYEE_FIELDS,
	simplifyEmployee,
} from '../../../nodes/lib/employee';
import { readEmployee } from '../../../nodes/lib/employeeMapping';
import { normaliseIds } from '../../../nodes/Factorial/ids';

describe('nodes/lib/employee', () => {
	it('takes the work email from email, never personal_email', () => {
		expect(getWorkEmail({ email: ' a@corp.test ', personal_email: 'a@home.test' })).toBe(
			'a@corp.test',
		);
		expect(
			getWorkEmail({ email: null, personal_email: 'a@home.test', login_email: 'x@corp.test' }),
		).toBeNull();
	});

	it('simplifies to at most 11 documented fields plus enrichment fields when present', () => {
		expect(SIMPLIFIED_EMPLOYEE_FIELDS.length).toBeLessThanOrEqual(11);
		const simple = simplifyEmployee({
			id: '1',
			email: 'a@corp.test',
			bank_number: 'ES00',
			job_title: 'Dev',
		});
		expect(Object.keys(simple)).toEqual([...SIMPLIFIED_EMPLOYEE_FIELDS, 'job_title']);
		expect(simple.bank_number).toBeUndefined();
		expect(simple.first_name).toBeNull();
	});

	it('validates emails loosely', () => {
		expect(isValidEmail('a@b.co')).toBe(true);
		expect(isValidEmail('a@b')).toBe(false);
		expect(isValidEmail('a b@c.de')).toBe(false);
	});

	it('picks the contract version in force, or the earliest future one for a joiner', () => {
		const versions = [
			{ id: 1, effective_on: '2024-01-01' },
			{ id: 2, effective_on: '2026-03-01' },
			{ id: 3, effective_on: '2027-01-01' },
		];
		expect(pickCurrentContractVersion(versions, '2026-11-21')?.id).toBe(2);
		expect(pickCurrentContractVersion(versions, '2026-03-01')?.id).toBe(2);
		expect(pickCurrentContractVersion(versions.slice(2), '2026-11-21')?.id).toBe(3);
		expect(pickCurrentContractVersion([], '2026-11-21')).toBeUndefined();
	});

	it('prefers the later revision when two versions share an effective date (title fixed before the start)', () => {
		const joiner = [
			{
				id: '10',
				effective_on: '2026-12-01',
				job_title: 'Engineer',
				updated_at: '2026-11-01T09:00:00Z',
			},
			{
				id: '11',
				effective_on: '2026-12-01',
				job_title: 'Senior Engineer',
				updated_at: '2026-11-20T09:00:00Z',
			},
		];
		expect(pickCurrentContractVersion(joiner, '2026-11-21')?.job_title).toBe('Senior Engineer');
		expect(pickCurrentContractVersion([...joiner].reverse(), '2026-11-21')?.job_title).toBe(
			'Senior Engineer',
		);
		// Already started: the same tie among versions in force.
		expect(pickCurrentContractVersion(joiner, '2026-12-02')?.job_title).toBe('Senior Engineer');
		// Without timestamps the higher id (created later) wins, compared as numbers, not text.
		const byId = [
			{ id: '9', effective_on: '2026-12-01', job_title: 'Old' },
			{ id: '10', effective_on: '2026-12-01', job_title: 'New' },
		];
		expect(pickCurrentContractVersion(byId, '2026-11-21')?.job_title).toBe('New');
	});

	it('indexes teams from both team.employee_ids and memberships without duplicates', () => {
		const index = buildEnrichmentIndex(
			[{ employee_id: '1', effective_on: '2020-01-01', job_title: 'Dev', starts_on: '2020-01-01' }],
			[
				{ id: '5', name: 'Dev', employee_ids: ['1'] },
				{ id: '6', name: 'Ops' },
			],
			[
				{ team_id: '5', employee_id: '1' },
				{ team_id: '6', employee_id: '1' },
			],
			'2026-11-21',
		);
		expect(enrichEmployee({ id: '1' }, index)).toEqual({
			id: '1',
			job_title: 'Dev',
			start_date: '2020-01-01',
			contract_ends_on: null,
			team_ids: ['5', '6'],
			team_names: ['Dev', 'Ops'],
		});
		expect(enrichEmployee({ id: '2' }, index)).toMatchObject({
			job_title: null,
			team_ids: [],
			team_names: [],
		});
	});
});

describe('nodes/Factorial/ids normaliseIds', () => {
	it('stringifies id, *_id and *_ids at any depth and leaves other numbers alone', () => {
		expect(
			normaliseIds({
				data: [{ id: 1, employee_ids: [2], age_number: 30, meta: { total: 5 } }],
				meta: { total: 1 },
			}),
		).toEqual({
			data: [{ id: '1', employee_ids: ['2'], age_number: 30, meta: { total: 5 } }],
			meta: { total: 1 },
		});
		expect(normaliseIds({ manager_id: null, id: '7' })).toEqual({ manager_id: null, id: '7' });
	});
});

describe('readEmployee with a clock: the one "gone" rule (issue 22)', () => {
	// Factorial says active:false on the last day itself; the employee works until 23:59 local.
	const lastDay = {
		id: '9',
		first_name: 'Eva',
		last_name: 'Soto',
		active: false,
		terminated_on: '2030-05-20',
		timezone: 'Europe/Madrid',
		contract_ends_on: '2030-05-20',
	};
	it('is active and leaving at 02:00 local on the last day, gone from 23:59', () => {
		const morning = readEmployee(lastDay, '2030-05-20', {
			now: Date.parse('2030-05-20T00:00:00Z'),
			defaultZone: 'UTC',
		});
		expect(morning).toMatchObject({ active: true, leaving: true, contractEndsOn: '2030-05-20' });
		const night = readEmployee(lastDay, '2030-05-20', {
			now: Date.parse('2030-05-20T21:59:00Z'),
			defaultZone: 'UTC',
		});
		expect(night).toMatchObject({ active: false, leaving: false });
	});
});
