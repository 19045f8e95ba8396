/**
 * Privileged usernames: JumpCloud binds a user to the local account of the same name on the devices
 * it is bound to, so "Admin", Cyrillic "Аdmin", full-width "ａｄｍｉｎ", "Root" or "Administrator"
 * must never become the username. The default list is applied by the username node and the
 * reconciliation alike, and the admin can extend it. Raw usernames on create are validated.
 */
import type { IDataObject } from 'n8n-workflow';

import { GenerateUniqueUsername } from '../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { generateUsername } from '../../nodes/lib/policy';
import { validateUserInput } from '../../nodes/JumpCloud/mapping';
import type { PlannedAction } from '../../nodes/lib/plan';
import { assignUsernames } from '../../nodes/lib/plan';
import {
	DEFAULT_RESERVED_USERNAMES,
	foldUsername,
	isReservedUsername,
	reservedSet,
} from '../../nodes/lib/reservedUsernames';
import { createFakeContext } from '../helpers/executeFunctions';

const PRIVILEGED = [
	['Admin', 'admin'],
	['\u0410dmin', 'admin'], // Cyrillic capital A
	['\uff41\uff44\uff4d\uff49\uff4e', 'admin'], // full-width
	['Root', 'root'],
	['Administrator', 'administrator'],
	['Guest', 'guest'],
	['Daemon', 'daemon'],
	['JumpCloud', 'jumpcloud'],
	['N\u043ebody', 'nobody'], // Cyrillic o
];

describe('the username policy never hands out a reserved name', () => {
	test.each(PRIVILEGED)('"%s" (format first) does not become "%s"', (first, reserved) => {
		const result = generateUsername({ first, last: '' }, { format: 'first' });
		expect(result.username).not.toBe(reserved);
		expect(result.username).toBe(`${reserved}1`);
		expect(result.notes.join(' ')).toMatch(/reserved username/);
	});

	test('the admin extends the list; lookalikes of an added name are caught too', () => {
		const options = { format: 'first' as const, reservedUsernames: ['support'] };
		expect(generateUsername({ first: 'Support' }, options).username).toBe('support1');
		expect(generateUsername({ first: 'supp\u043ert' }, options).username).toBe('support1');
		expect(generateUsername({ first: 'Support' }, { format: 'first' }).username).toBe('support');
	});

	test('the default list holds the named accounts and system accounts of macOS, Linux and Windows', () => {
		const set = reservedSet();
		for (const name of ['admin', 'root', 'administrator', 'guest', 'daemon', 'jumpcloud'])
			expect(set.has(name)).toBe(true);
		for (const name of ['nobody', 'www-data', 'sshd', 'bin', 'sys'])
			expect(set.has(name)).toBe(true);
		for (const name of ['defaultaccount', 'wdagutilityaccount', 'krbtgt'])
			expect(set.has(name)).toBe(true);
		expect(DEFAULT_RESERVED_USERNAMES.length).toBeGreaterThan(30);
		expect(foldUsername('\uff32\u043e\u043et')).toBe('root');
		expect(isReservedUsername('ana.garcia', set)).toBe(false);
	});
});

describe('the reconciliation applies the same list', () => {
	const create = (first: string): PlannedAction => ({
		action: 'create',
		itemIndex: 0,
		employeeId: '1',
		diff: {},
		employee: {
			id: '1',
			firstName: first,
			lastName: '',
			preferredName: '',
			workEmail: 'x@acme.test',
		} as unknown as PlannedAction['employee'],
	});

	test.each(PRIVILEGED)('a new hire "%s" does not get "%s"', (first, reserved) => {
		const [choice] = assignUsernames([create(first)], [], { format: 'first' });
		expect(choice.username).toBe(`${reserved}1`);
	});

	test('and the admin can extend it there too', () => {
		const [choice] = assignUsernames([create('Helpdesk')], [], {
			format: 'first',
			reservedUsernames: ['helpdesk'],
		});
		expect(choice.username).toBe('helpdesk1');
	});
});

describe('the username node applies it', () => {
	test('"Аdmin" (Cyrillic А) with the first-name format gets admin1, without asking JumpCloud', async () => {
		const ctx = createFakeContext({
			params: {
				uniquenessCheck: 'none',
				format: 'first',
				lengthLimit: 'standard',
				options: { reservedUsernames: 'helpdesk' },
				fallbackValue: '',
			},
			itemParams: [
				{ firstName: '\u0410dmin', lastName: '' },
				{ firstName: 'Helpdesk', lastName: '' },
			],
			items: [{ json: {} }, { json: {} }],
		});
		const [out] = await new GenerateUniqueUsername().execute.call(ctx.asExecute());
		expect(out.map((o) => (o.json as IDataObject).username)).toEqual(['admin1', 'helpdesk1']);
	});
});

describe('raw usernames given to Create and Create or Update', () => {
	const input = (username: string) => ({ strings: { email: 'a@acme.test', username } });
	test.each([
		['1admin', /must start with a letter/],
		['ana@acme', /may contain only letters/],
		['ana/../root', /may contain only letters/],
		['\u0430na', /may contain only letters/],
		['a'.repeat(65), /longer than 64 characters/],
	])('%s is refused', (username, message) => {
		const problems = validateUserInput(input(username), true);
		expect(problems.map((p) => p.message).join(' ')).toMatch(message);
	});

	test('a normal username passes', () => {
		expect(validateUserInput(input('ana.garcia-lopez_2'), true)).toEqual([]);
	});
});
