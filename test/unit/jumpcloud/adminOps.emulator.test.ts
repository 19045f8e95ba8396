/**
 * Admin operations (unlock, reset MFA, expire and set a password, delete) against the JumpCloud emulator
 * over real HTTP, asserting the user's final state in the directory, not only the request sent (issue 16).
 */
import type { IDataObject } from 'n8n-workflow';

import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators/jumpcloud';
import { runJumpCloudOn } from '../../helpers/jumpCloudEmulatorRun';

describe('User admin operations against the JumpCloud emulator', () => {
	let jc: JumpCloudEmulator;

	beforeAll(async () => {
		jc = await startJumpCloudEmulator({ seed: 'admin-ops' });
	});
	afterAll(async () => jc.close());

	async function run(params: IDataObject): Promise<IDataObject> {
		return await runJumpCloudOn(jc, { authentication: 'apiKey', resource: 'user', ...params });
	}

	const byEmployee = (value: string) => ({ __rl: true, mode: 'employeeIdentifier', value });

	it('unlocks a locked-out user', async () => {
		const [u] = jc.insertUsers([
			{ username: 'locked.out', email: 'locked@example.com', employeeIdentifier: 'A1' },
		]);
		Object.assign(jc.findUser({ id: u._id })!, {
			account_locked: true,
			account_locked_date: '2026-11-01T10:00:00Z',
		});
		await run({ operation: 'unlock', user: byEmployee('A1') });
		expect(jc.findUser({ id: u._id })).toMatchObject({
			account_locked: false,
			account_locked_date: null,
		});
	});

	it('resets MFA with an enrollment window', async () => {
		const [u] = jc.insertUsers([
			{ username: 'lost.phone', email: 'phone@example.com', employeeIdentifier: 'A2' },
		]);
		Object.assign(jc.findUser({ id: u._id })!, {
			totp_enabled: true,
			mfa: { configured: true, exclusion: false },
		});
		await run({ operation: 'resetMfa', user: byEmployee('A2'), exclusionDays: 3 });
		expect(jc.findUser({ id: u._id })).toMatchObject({
			totp_enabled: false,
			mfa: { configured: false, exclusion: true, exclusionDays: 3 },
		});
	});

	it('expires a password, and sets one that must be changed at the next login', async () => {
		const [u] = jc.insertUsers([
			{ username: 'pw.user', email: 'pw@example.com', employeeIdentifier: 'A3' },
		]);
		await run({ operation: 'expirePassword', user: byEmployee('A3') });
		expect(jc.findUser({ id: u._id })?.password_expired).toBe(true);
		await run({
			operation: 'setPassword',
			user: byEmployee('A3'),
			password: 'Correct-Horse-9-Battery',
			requireChange: false,
		});
		expect(jc.findUser({ id: u._id })).toMatchObject({ password_expired: false, activated: true });
		await run({
			operation: 'setPassword',
			user: byEmployee('A3'),
			password: 'Correct-Horse-9-Battery-2',
			requireChange: true,
		});
		expect(jc.findUser({ id: u._id })?.password_expired).toBe(true);
	});

	it('sets the password that user then holds, on no other user', async () => {
		const [u, other] = jc.insertUsers([
			{ username: 'pw.held', email: 'held@example.com', employeeIdentifier: 'A5' },
			{ username: 'pw.other', email: 'other@example.com', employeeIdentifier: 'A6' },
		]);
		await run({
			operation: 'setPassword',
			user: byEmployee('A5'),
			password: 'Held-Password-7-Staple',
			requireChange: false,
		});
		expect(jc.hasPassword(u._id, 'Held-Password-7-Staple')).toBe(true);
		expect(jc.hasPassword(other._id, 'Held-Password-7-Staple')).toBe(false);
		// The user record and its API answer never carry it.
		expect(JSON.stringify(jc.findUser({ id: u._id }))).not.toContain('Held-Password');
	});

	it('deletes the user', async () => {
		const [u] = jc.insertUsers([
			{ username: 'gone.user', email: 'gone@example.com', employeeIdentifier: 'A4' },
		]);
		const out = await run({ operation: 'delete', user: byEmployee('A4'), options: {} });
		expect(out).toMatchObject({ deleted: true, id: u._id });
		expect(jc.findUser({ id: u._id })).toBeUndefined();
		expect(jc.findUser({ employeeIdentifier: 'A4' })).toBeUndefined();
	});
});
