import {
	mergeAddresses,
	mergeAttributes,
	mergePhoneNumbers,
	planGroupMembership,
	planUserUpdate,
	simplifyUser,
	splitList,
	userBodyFromInput,
	usernameCandidates,
	validateAttributeNames,
	validateUserInput,
} from '../../../nodes/JumpCloud/mapping';
import { resolveScheduleDate } from '../../../nodes/JumpCloud/scheduleDate';
import { buildSystemUserSearch, matchesLookup } from '../../../nodes/JumpCloud/search';
import { escapeRegex } from '../../../nodes/lib/regex';

describe('validateUserInput', () => {
	it('requires email and username on create and checks email format and length', () => {
		expect(validateUserInput({ strings: {} }, true).map((p) => p.field)).toEqual([
			'Email',
			'Username',
		]);
		expect(validateUserInput({ strings: { email: 'nope', username: 'a' } }, true)).toEqual([
			{ field: 'Email', message: '"nope" is not a valid email address' },
		]);
		const long = `${'a'.repeat(1020)}@x.io`;
		expect(validateUserInput({ strings: { email: long, username: 'a' } }, true)[0]).toEqual({
			field: 'Email',
			message: 'is longer than 1024 characters',
		});
		expect(validateUserInput({ strings: { email: 'a+b@x.io', username: 'a' } }, true)).toEqual([]);
	});

	it('checks employee identifier length, usernames with spaces, manager email and list types', () => {
		const problems = validateUserInput(
			{
				strings: { employeeIdentifier: 'x'.repeat(257), username: 'j doe', managerId: 'm1' },
				managerEmail: 'boss@x.io',
				phoneNumbers: [
					{ type: 'mobile', number: '1' },
					{ type: 'mobile', number: '' },
				],
				addresses: [{ type: 'work' }, { type: 'work' }],
			},
			false,
		);
		expect(problems.map((p) => p.field)).toEqual([
			'Employee Identifier',
			'Username',
			'Manager Email',
			'Phone Numbers',
			'Phone Numbers',
			'Addresses',
		]);
	});
});

describe('validateAttributeNames', () => {
	it('accepts 1-31 letters/digits and rejects others and duplicates', () => {
		expect(validateAttributeNames([{ name: 'hrisId2', value: 'x' }])).toEqual([]);
		const fields = validateAttributeNames([
			{ name: 'hris-id', value: '' },
			{ name: 'a'.repeat(32), value: '' },
			{ name: '', value: '' },
			{ name: 'Dup', value: '' },
			{ name: 'dup', value: '' },
		]).map((p) => p.message);
		expect(fields).toHaveLength(4);
		expect(fields[3]).toMatch(/appears twice/);
	});
});

describe('list merges', () => {
	it('replaces a phone number of the same type and keeps others', () => {
		const existing = [
			{ id: 'p1', type: 'mobile', number: '1' },
			{ id: 'p2', type: 'work', number: '2' },
		];
		expect(
			mergePhoneNumbers(existing, [
				{ type: 'mobile', number: '9' },
				{ type: 'home', number: '3' },
			]),
		).toEqual([
			{ type: 'mobile', number: '9' },
			{ type: 'work', number: '2' },
			{ type: 'home', number: '3' },
		]);
	});

	it('merges address parts of the same type', () => {
		const existing = [{ type: 'work', locality: 'Berlin', country: 'DE', id: 'a1' }];
		expect(mergeAddresses(existing, [{ type: 'work', locality: 'Hamburg' }])).toEqual([
			{ type: 'work', locality: 'Hamburg', country: 'DE' },
		]);
	});

	it('merges attributes by name, case-insensitively; an empty value removes one', () => {
		const existing = [
			{ name: 'hrisId', value: '1' },
			{ name: 'team', value: 'a' },
		];
		expect(
			mergeAttributes(existing, [
				{ name: 'HRISID', value: '2' },
				{ name: 'team', value: '' },
				{ name: 'site', value: 'BER' },
			]),
		).toEqual([
			{ name: 'hrisId', value: '2' },
			{ name: 'site', value: 'BER' },
		]);
	});
});

describe('planUserUpdate', () => {
	const current = {
		_id: 'u1',
		email: 'Jane@Example.com',
		department: 'R&D',
		attributes: [{ name: 'hrisId', value: '1' }],
		phoneNumbers: [{ id: 'p', type: 'work', number: '2' }],
	};

	it('sends only changed scalars and merged lists', () => {
		const plan = planUserUpdate(current, {
			strings: { email: 'jane@example.com', department: 'Sales' },
			attributes: [{ name: 'site', value: 'BER' }],
		});
		expect(plan.body).toEqual({
			department: 'Sales',
			attributes: [
				{ name: 'hrisId', value: '1' },
				{ name: 'site', value: 'BER' },
			],
		});
		expect(plan.changedFields).toEqual(['department', 'attributes']);
	});

	it('reports nothing to do when everything matches', () => {
		const plan = planUserUpdate(current, {
			strings: { department: 'R&D' },
			phoneNumbers: [{ type: 'work', number: '2' }],
		});
		expect(plan.changedFields).toEqual([]);
	});

	it('replaces lists when asked', () => {
		const plan = planUserUpdate(
			current,
			{ strings: {}, attributes: [{ name: 'site', value: 'BER' }] },
			true,
		);
		expect(plan.body).toEqual({ attributes: [{ name: 'site', value: 'BER' }] });
	});
});

describe('small helpers', () => {
	it('maps UI names to JumpCloud keys', () => {
		expect(
			userBodyFromInput({ strings: { firstName: 'J', managerId: 'm', displayName: 'JD' } }),
		).toEqual({
			firstname: 'J',
			manager: 'm',
			displayname: 'JD',
		});
	});
	it('numbers username candidates from 1, like Generate Unique Username', () =>
		expect(usernameCandidates('jdoe', 3)).toEqual(['jdoe', 'jdoe1', 'jdoe2']));
	it('continues from a number the name already ends in (a generated ana.garcia1 taken meanwhile → ana.garcia2)', () => {
		expect(usernameCandidates('ana.garcia1', 3)).toEqual([
			'ana.garcia1',
			'ana.garcia2',
			'ana.garcia3',
		]);
		expect(usernameCandidates('ana.garcia9', 3)).toEqual([
			'ana.garcia9',
			'ana.garcia10',
			'ana.garcia11',
		]);
		// A leading zero or a name of digits only is not a collision number.
		expect(usernameCandidates('bond007', 2)).toEqual(['bond007', 'bond0071']);
		expect(usernameCandidates('12345', 2)).toEqual(['12345', '123451']);
	});
	it('shortens numbered candidates to the maximum length by the policy rule (no separator before the number)', () => {
		expect(usernameCandidates('alexandra.konstantin', 3, 20)).toEqual([
			'alexandra.konstantin',
			'alexandra.konstanti1',
			'alexandra.konstanti2',
		]);
		expect(usernameCandidates('ana.g', 3, 5)).toEqual(['ana.g', 'ana1', 'ana2']);
		expect(usernameCandidates('ana.garcia8', 4, 11)).toEqual([
			'ana.garcia8',
			'ana.garcia9',
			'ana.garci10',
			'ana.garci11',
		]);
	});
	it('stops before the number would leave no letter', () =>
		expect(usernameCandidates('ab', 500, 3)).toHaveLength(1 + 99));
	it('simplifies to at most 10 fields with id', () => {
		const s = simplifyUser({ _id: 'u1', username: 'j', password_expired: false, mfa: {} });
		expect(s).toEqual({ id: 'u1', username: 'j' });
	});
	it('splits lists', () => expect(splitList('a, b\nb,,c ')).toEqual(['a', 'b', 'c']));
	it('plans group moves only inside the scope', () => {
		expect(
			planGroupMembership(
				['team-a', 'office', 'team-b'],
				['team-b', 'team-c'],
				['team-a', 'team-b', 'team-c'],
			),
		).toEqual({
			add: ['team-c'],
			remove: ['team-a'],
			keep: ['team-b'],
		});
	});
});

describe('search helpers', () => {
	it('escapes every regex metacharacter', () => {
		expect(escapeRegex('a.b+c*(d)[e]{f}|g^h$i?j\\k/l-m')).toBe(
			'a\\.b\\+c\\*\\(d\\)\\[e\\]\\{f\\}\\|g\\^h\\$i\\?j\\\\k\\/l\\-m',
		);
		expect(new RegExp(`^${escapeRegex('jane+hr@x.com')}$`, 'i').test('JANE+HR@X.COM')).toBe(true);
		expect(new RegExp(`^${escapeRegex('jane+hr@x.com')}$`, 'i').test('janeehr@x.com')).toBe(false);
	});
	it('ANDs given fields in precedence order', () => {
		expect(buildSystemUserSearch({ email: 'a@b.c', employeeIdentifier: 'E1' })).toEqual({
			filter: {
				and: [
					{ employeeIdentifier: { $regex: '(?i)^E1$' } },
					{ email: { $regex: '(?i)^a@b\\.c$' } },
				],
			},
		});
		expect(buildSystemUserSearch({})).toBeUndefined();
	});
	it('re-checks matches exactly', () => {
		expect(matchesLookup({ email: 'A@B.C' }, { email: 'a@b.c' })).toBe(true);
		expect(matchesLookup({ email: 'xa@b.c' }, { email: 'a@b.c' })).toBe(false);
		expect(matchesLookup({ username: 'jdoe3' }, { username: ['jdoe', 'jdoe3'] })).toBe(true);
	});
});

describe('resolveScheduleDate', () => {
	it('reads wall-clock time in the chosen zone (DST aware)', () => {
		expect(resolveScheduleDate('2030-10-01T09:00:00', 'Europe/Berlin')).toEqual({
			utc: '2030-10-01T07:00:00Z',
			local: '2030-10-01T09:00:00+02:00',
		});
		expect(resolveScheduleDate('2030-01-15T09:00', 'Europe/Berlin')).toMatchObject({
			utc: '2030-01-15T08:00:00Z',
		});
		expect(resolveScheduleDate('2030-01-15T09:00', 'America/New_York')).toMatchObject({
			utc: '2030-01-15T14:00:00Z',
		});
	});
	it('keeps an explicit offset', () => {
		expect(resolveScheduleDate('2030-01-15T09:00:00Z', 'Asia/Kolkata')).toMatchObject({
			utc: '2030-01-15T09:00:00Z',
		});
	});
	it('rejects bad zones and dates', () => {
		expect(resolveScheduleDate('2030-01-15T09:00', 'Mars/Olympus')).toEqual({
			field: 'Time Zone',
			error: '"Mars/Olympus" is not an IANA time zone',
		});
		expect(resolveScheduleDate('tomorrow', 'UTC')).toMatchObject({ field: 'Date and Time' });
	});
});
