/**
 * User → Create or Update with Pre-Start Days against the JumpCloud emulator (issue 22, the Joiner's
 * pre-start window): a hire starting further away than the window is not created and the output says on
 * which day it will be; inside the window it is created; an existing user is updated as usual.
 */
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators/jumpcloud';
import { runJumpCloudOn } from '../../helpers/jumpCloudEmulatorRun';

const ZONE = 'Europe/Madrid';
const day = (offset: number) =>
	DateTime.now().setZone(ZONE).plus({ days: offset }).toISODate() as string;

describe('Create or Update with a pre-start window against the JumpCloud emulator', () => {
	let jc: JumpCloudEmulator;
	beforeAll(async () => {
		jc = await startJumpCloudEmulator({ seed: 'preStart' });
	});
	afterAll(async () => jc.close());

	async function upsert(employee: IDataObject, options: IDataObject): Promise<IDataObject> {
		return await runJumpCloudOn(jc, {
			authentication: 'apiKey',
			resource: 'user',
			operation: 'upsert',
			mapFrom: 'factorialEmployee',
			employee: { active: true, ...employee },
			username: String(employee.first_name).toLowerCase(),
			state: 'STAGED',
			onUsernameConflict: 'appendNumber',
			additionalFields: {},
			options,
			simplify: true,
		});
	}
	const person = (id: string, first: string, start: string) => ({
		id,
		first_name: first,
		last_name: 'Prestart',
		work_email: `${first.toLowerCase()}.prestart@example.com`,
		start_date: start,
	});

	it('creates a hire only inside the window, says when a later one will be, updates an existing user; empty creates at hire', async () => {
		const start = day(30);
		const out = await upsert(person('501', 'Wanda', start), {
			preStartDays: '14',
			preStartTimezone: ZONE,
		});
		expect(out).toMatchObject({
			created: false,
			waitingForPreStartWindow: true,
			createOn: day(16),
			reason: `waiting for pre-start window: the account is created on ${day(16)} (14 days before the start date ${start})`,
		});
		expect(jc.findUser({ employeeIdentifier: '501' })).toBeUndefined();

		const inside = await upsert(person('502', 'Nina', day(10)), {
			preStartDays: '14',
			preStartTimezone: ZONE,
		});
		expect(inside).toMatchObject({ created: true });
		expect(jc.findUser({ employeeIdentifier: '502' })?.state).toBe('STAGED');

		jc.insertUsers([
			{ username: 'erik', email: 'erik.prestart@example.com', employeeIdentifier: '504' },
		]);
		const existing = await upsert(person('504', 'Erik', day(300)), {
			preStartDays: '14',
			preStartTimezone: ZONE,
		});
		expect(existing).toMatchObject({ created: false, matchedBy: 'employeeIdentifier' });
		expect(existing.waitingForPreStartWindow).toBeUndefined();

		const off = await upsert(person('503', 'Otto', day(300)), { preStartDays: '' });
		expect(off).toMatchObject({ created: true });
	});

	it('refuses a window that is not a number of days', async () => {
		await expect(
			upsert(person('505', 'Bad', day(30)), { preStartDays: 'two weeks' }),
		).rejects.toThrow(/Pre-Start Days/);
	});
});
