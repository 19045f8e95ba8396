/**
 * User State → Keep Last-Day Suspension against the JumpCloud emulator (issue 22, the Mover keeps a
 * fixed-term contract's end): the 23:59 local suspension is scheduled on the end date, moved when the
 * contract is extended, cancelled when the end is removed; a suspension someone else scheduled and a user
 * suspended outside the sync are never touched.
 */
import type { IDataObject } from 'n8n-workflow';

import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators/jumpcloud';
import { createFakeContext } from '../../helpers/executeFunctions';
import { runJumpCloudOn } from '../../helpers/jumpCloudEmulatorRun';

const MARK = 'factorialSyncSuspendedAt';

describe('Keep Last-Day Suspension against the JumpCloud emulator', () => {
	let jc: JumpCloudEmulator;
	beforeAll(async () => {
		jc = await startJumpCloudEmulator({ seed: 'contractEnd' });
	});
	afterAll(async () => jc.close());

	async function keep(id: string, employee: IDataObject): Promise<IDataObject> {
		return await runJumpCloudOn(jc, {
			authentication: 'apiKey',
			resource: 'userState',
			operation: 'keepLastDay',
			user: { __rl: true, mode: 'id', value: id },
			employee: { id: '77', active: true, terminated_on: null, ...employee },
			timezone: 'Europe/Madrid',
		});
	}
	const user = (id: string) => jc.users().find((u) => u._id === id)!;
	const jobsOf = (id: string) =>
		jc
			.jobs()
			.filter((j) => j.userIds.includes(id))
			.map((j) => [j.state, new Date(j.startDate).toISOString()]);
	const markOf = (id: string) =>
		((user(id).attributes ?? []) as Array<{ name: string; value: string }>).find(
			(a) => a.name === MARK,
		)?.value;

	it('schedules the suspension at 23:59 local on the contract end, moves it on an extension, cancels it when the end is removed', async () => {
		const [{ _id: id }] = jc.insertUsers([
			{ username: 'fixed.term', email: 'fixed.term@example.com', employeeIdentifier: '77' },
		]);
		const first = await keep(id, { contract_ends_on: '2099-06-30' });
		expect(first).toMatchObject({ action: 'scheduleSuspension', changed: true });
		// 23:59 in Madrid (summer time, UTC+2).
		expect(jobsOf(id)).toEqual([['SUSPENDED', '2099-06-30T21:59:00.000Z']]);
		expect(markOf(id)).toBe('2099-06-30T21:59:00.000Z');

		const again = await keep(id, { contract_ends_on: '2099-06-30' });
		expect(again).toMatchObject({ action: 'none', changed: false });
		expect(jobsOf(id)).toEqual([['SUSPENDED', '2099-06-30T21:59:00.000Z']]);

		const extended = await keep(id, { contract_ends_on: '2099-12-31' });
		expect(extended).toMatchObject({ action: 'scheduleSuspension', changed: true });
		expect(jobsOf(id)).toEqual([['SUSPENDED', '2099-12-31T22:59:00.000Z']]);
		expect(markOf(id)).toBe('2099-12-31T22:59:00.000Z');

		const open = await keep(id, { contract_ends_on: null });
		expect(open).toMatchObject({ action: 'cancelScheduled', changed: true });
		expect(jobsOf(id)).toEqual([]);
		expect(markOf(id)).toBeUndefined();
		expect(user(id).state).toBe('ACTIVATED');
	});

	it('never moves or cancels a suspension the sync did not schedule', async () => {
		const [{ _id: id }] = jc.insertUsers([
			{ username: 'it.scheduled', email: 'it.scheduled@example.com', employeeIdentifier: '78' },
		]);
		// IT scheduled a suspension in JumpCloud itself (no mark).
		const res = await fetch(`${jc.url}/api/v2/bulk/userstates`, {
			method: 'POST',
			headers: { 'x-api-key': jc.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({
				user_ids: [id],
				state: 'SUSPENDED',
				start_date: '2099-03-01T08:00:00Z',
			}),
		});
		expect(res.status).toBeLessThan(300);
		const open = await keep(id, { id: '78', contract_ends_on: null });
		expect(open).toMatchObject({ action: 'none', changed: false });
		expect(open.keptJobsNotTheSyncs).toHaveLength(1);
		const ends = await keep(id, { id: '78', contract_ends_on: '2099-06-30' });
		expect(ends).toMatchObject({ action: 'scheduleSuspension' });
		expect(jobsOf(id)).toEqual([
			['SUSPENDED', '2099-03-01T08:00:00.000Z'],
			['SUSPENDED', '2099-06-30T21:59:00.000Z'],
		]);
	});

	it('leaves a user suspended outside the sync untouched', async () => {
		const [{ _id: id }] = jc.insertUsers([
			{
				username: 'it.suspended',
				email: 'it.suspended@example.com',
				employeeIdentifier: '79',
				state: 'SUSPENDED',
				suspended: true,
			},
		]);
		const out = await keep(id, { id: '79', contract_ends_on: '2099-06-30' });
		expect(out).toMatchObject({ action: 'none', changed: false });
		expect(String(out.reason)).toContain('suspended outside the sync');
		expect(jobsOf(id)).toEqual([]);
		expect(user(id).state).toBe('SUSPENDED');
		expect(markOf(id)).toBeUndefined();
	});

	it('refuses an employee item read without its contract', async () => {
		const [{ _id: id }] = jc.insertUsers([
			{ username: 'no.contract', email: 'no.contract@example.com', employeeIdentifier: '80' },
		]);
		const ctx = createFakeContext({
			params: {
				authentication: 'apiKey',
				resource: 'userState',
				operation: 'keepLastDay',
				user: { __rl: true, mode: 'id', value: id },
				employee: { id: '80', active: true },
			},
			credentials: {
				jumpCloudApi: { region: 'custom', customUrl: jc.url, apiKey: jc.apiKey, orgId: '' },
			},
			credentialTypes: [new JumpCloudApi()],
		});
		await expect(new JumpCloud().execute.call(ctx.asExecute())).rejects.toThrow(/contract_ends_on/);
	});
});
