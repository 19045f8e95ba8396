import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { JUMPCLOUD_BASE as BASE, byId, runNode, user } from '../contexts';
import { U1, U2 } from '../../helpers/jumpcloudIds';
import { SUSPENSION_MARK } from '../../../nodes/lib/suspensionMark';

/** A suspension the sync made (issue 21): only those are lifted. */
const syncMark = [{ name: SUSPENSION_MARK, value: '2026-01-31T22:59:00.000Z' }];

afterEach(() => nock.cleanAll());

describe('User State → Activate', () => {
	it('activates a staged user without an email', async () => {
		nock(BASE)
			.get(`/api/systemusers/${U1}`)
			.reply(200, user({ state: 'STAGED' }))
			.post(`/api/systemusers/${U1}/state/activate`, { email: false })
			.reply(200, {});
		const { json } = await runNode({
			resource: 'userState',
			operation: 'activate',
			user: byId(U1),
			activationEmail: 'none',
		});
		expect(json[0]).toMatchObject({
			state: 'ACTIVATED',
			activated: true,
			unchanged: false,
			activationEmail: false,
		});
	});

	it("activates with JumpCloud's own activation email by default", async () => {
		const scope = nock(BASE)
			.get(`/api/systemusers/${U1}`)
			.reply(200, user({ state: 'STAGED' }))
			.post(`/api/systemusers/${U1}/state/activate`, { email: true })
			.reply(200, {});
		const { json } = await runNode({
			resource: 'userState',
			operation: 'activate',
			user: byId(U1),
		});
		expect(scope.isDone()).toBe(true);
		expect(json[0]).toMatchObject({ state: 'ACTIVATED', activated: true, activationEmail: true });
	});

	it('sends the activation email to an override address', async () => {
		const scope = nock(BASE)
			.get(`/api/systemusers/${U1}`)
			.reply(200, user({ state: 'STAGED' }))
			.post(`/api/systemusers/${U1}/state/activate`, { email: 'jane.home@example.org' })
			.reply(200, {});
		await runNode({
			resource: 'userState',
			operation: 'activate',
			user: byId(U1),
			activationEmail: 'override',
			emailAddress: 'jane.home@example.org',
		});
		expect(scope.isDone()).toBe(true);
	});

	it('validates the override address before any request', async () => {
		const { json, ctx } = await runNode(
			{
				resource: 'userState',
				operation: 'activate',
				user: byId(U1),
				activationEmail: 'override',
				emailAddress: 'x',
			},
			{ continueOnFail: true },
		);
		expect(ctx.requests).toHaveLength(0);
		expect(json[0].error).toBe('\'Send To\' "x" is not a valid email address [item 0]');
	});

	it('leaves an active user alone and refuses a suspended one', async () => {
		nock(BASE)
			.get(`/api/systemusers/${U1}`)
			.reply(200, user({ state: 'ACTIVATED' }));
		const { json, ctx } = await runNode({
			resource: 'userState',
			operation: 'activate',
			user: byId(U1),
			activationEmail: 'send',
		});
		expect(json[0]).toMatchObject({ unchanged: true, activated: false });
		expect(ctx.requests).toHaveLength(1);
		nock(BASE)
			.get(`/api/systemusers/${U2}`)
			.reply(200, user({ _id: U2, state: 'SUSPENDED' }));
		await expect(
			runNode({ resource: 'userState', operation: 'activate', user: byId(U2) }),
		).rejects.toThrow(/suspended, not staged/);
	});

	// Issue 16: the Joiner run for an employee whose user is suspended (a rehire) threw here.
	it('reactivates a suspended user when If the User Is Suspended is Reactivate', async () => {
		const put = nock(BASE)
			.get(`/api/systemusers/${U2}`)
			.reply(200, user({ _id: U2, state: 'SUSPENDED', suspended: true, attributes: syncMark }))
			.put(`/api/systemusers/${U2}`, { state: 'ACTIVATED', suspended: false, attributes: [] })
			.reply(200, user({ _id: U2, state: 'ACTIVATED', suspended: false }));
		const { json } = await runNode({
			resource: 'userState',
			operation: 'activate',
			user: byId(U2),
			ifSuspended: 'reactivate',
		});
		expect(put.isDone()).toBe(true);
		expect(json[0]).toMatchObject({ state: 'ACTIVATED', activated: true, reactivated: true });
	});
});

describe('User State → Suspend and Reactivate', () => {
	it('suspends with a PUT of state and suspended', async () => {
		nock(BASE)
			.get(`/api/systemusers/${U1}`)
			.reply(200, user())
			.put(
				`/api/systemusers/${U1}`,
				(b: IDataObject) =>
					b.state === 'SUSPENDED' &&
					b.suspended === true &&
					JSON.stringify(b.attributes).includes(SUSPENSION_MARK),
			)
			.reply(200, user({ state: 'SUSPENDED', suspended: true }));
		const { json } = await runNode({
			resource: 'userState',
			operation: 'suspend',
			user: byId(U1),
		});
		expect(json[0]).toMatchObject({ state: 'SUSPENDED', suspended: true, unchanged: false });
	});

	it('does nothing to an already suspended user', async () => {
		nock(BASE)
			.get(`/api/systemusers/${U1}`)
			.reply(200, user({ state: 'SUSPENDED' }));
		const { json, ctx } = await runNode({
			resource: 'userState',
			operation: 'suspend',
			user: byId(U1),
		});
		expect(json[0]).toMatchObject({ unchanged: true });
		expect(ctx.requests).toHaveLength(1);
	});

	it('reactivates a suspended user', async () => {
		nock(BASE)
			.get(`/api/systemusers/${U1}`)
			.reply(200, user({ state: 'SUSPENDED', attributes: syncMark }))
			.put(`/api/systemusers/${U1}`, { state: 'ACTIVATED', suspended: false, attributes: [] })
			.reply(200, user());
		const { json } = await runNode({
			resource: 'userState',
			operation: 'reactivate',
			user: byId(U1),
		});
		expect(json[0]).toMatchObject({ state: 'ACTIVATED', reactivated: true });
	});

	// Issue 16: a Rehire (untermination) before the first day found the user STAGED and failed the run.
	it('leaves a staged user staged when If the User Is Staged is Leave Staged, and fails by default', async () => {
		nock(BASE)
			.get(`/api/systemusers/${U1}`)
			.times(2)
			.reply(200, user({ state: 'STAGED', activated: false }));
		const { json, ctx } = await runNode({
			resource: 'userState',
			operation: 'reactivate',
			user: byId(U1),
			ifStaged: 'leaveStaged',
		});
		expect(json[0]).toMatchObject({ state: 'STAGED', reactivated: false, staged: true });
		expect(ctx.requests).toHaveLength(1);
		await expect(
			runNode({ resource: 'userState', operation: 'reactivate', user: byId(U1) }),
		).rejects.toThrow(/staged, not suspended/);
	});
});

describe('User State → Schedule, Get Scheduled, Cancel Scheduled', () => {
	const params = {
		resource: 'userState',
		operation: 'schedule',
		user: byId(U1),
		targetState: 'ACTIVATED',
		startDate: '2031-10-01T09:00:00',
		timezone: 'Europe/Berlin',
		sendActivationEmails: true,
		activationEmailOverride: '',
	};
	// A scheduled activation first reads the user: it never lifts a suspension the sync did not make.
	beforeEach(() => {
		nock(BASE)
			.persist()
			.get(`/api/systemusers/${U1}`)
			.reply(200, user({ state: 'STAGED' }));
	});

	it('converts wall-clock time in the chosen zone to UTC and creates the job', async () => {
		let sent: IDataObject | undefined;
		nock(BASE)
			.get('/api/v2/bulk/userstates')
			.query({ userid: U1, limit: 100, skip: 0 })
			.reply(200, [])
			.post('/api/v2/bulk/userstates', (b) => {
				sent = b;
				return true;
			})
			.reply(201, [
				{
					scheduledJobId: 'j1',
					systemUserId: U1,
					state: 'ACTIVATED',
					scheduledDate: '2031-10-01T07:00:00Z',
				},
			])
			.get('/api/v2/bulk/userstates')
			.query({ userid: U1, limit: 100, skip: 0 })
			.reply(200, [
				{
					scheduledJobId: 'j1',
					systemUserId: U1,
					state: 'ACTIVATED',
					scheduledDate: '2031-10-01T07:00:00Z',
				},
			]);
		const { json } = await runNode(params);
		expect(sent).toEqual({
			state: 'ACTIVATED',
			start_date: '2031-10-01T07:00:00Z',
			send_activation_emails: true,
			user_ids: [U1],
		});
		expect(json[0]).toMatchObject({
			scheduledJobId: 'j1',
			scheduledDateLocal: '2031-10-01T09:00:00+02:00',
			timezone: 'Europe/Berlin',
			alreadyScheduled: false,
		});
	});

	const AT = '2031-10-01T07:00:00Z';
	const job = (
		scheduledJobId: string,
		scheduledDate = AT,
		state = 'ACTIVATED',
		systemUserId = U1,
	) => ({
		scheduledJobId,
		systemUserId,
		state,
		scheduledDate,
	});
	/** The same change is listed already, due at `scheduledDate`: the node only reads and reports it. */
	const expectAlreadyScheduled = async (scheduledDate: string) => {
		nock(BASE)
			.get('/api/v2/bulk/userstates')
			.query(true)
			.reply(200, [job('j0', scheduledDate)]);
		const { json, ctx } = await runNode(params);
		expect(json[0]).toMatchObject({ scheduledJobId: 'j0', alreadyScheduled: true });
		expect(ctx.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
	};

	it('does not schedule the same change twice', async () => {
		await expectAlreadyScheduled('2031-10-01T07:00:00.000Z');
	});

	describe('on a host whose local time zone is not UTC', () => {
		// Jest workers cannot change their own time zone (process.env is sandboxed), so Date.parse is made
		// to do what it does on a host at UTC-5: a date-time without a zone is local time.
		beforeAll(() => {
			const realParse = Date.parse.bind(Date);
			jest
				.spyOn(Date, 'parse')
				.mockImplementation((text: string) =>
					/(Z|[+-]\d\d:?\d\d)$/i.test(text.trim())
						? realParse(text)
						: realParse(`${text.trim().replace(' ', 'T')}-05:00`),
				);
		});
		afterAll(() => jest.restoreAllMocks());

		it('reads a scheduledDate without a zone (JumpCloud examples: "2031-10-01 07:00:00") as UTC, so the same change is not scheduled twice', async () => {
			await expectAlreadyScheduled('2031-10-01 07:00:00');
		});
	});

	/** GET /v2/bulk/userstates?userid=U1 answers in turn (before the create, after it). */
	function listings(...answers: IDataObject[][]): void {
		const scope = nock(BASE);
		for (const answer of answers)
			scope
				.get('/api/v2/bulk/userstates')
				.query({ userid: U1, limit: 100, skip: 0 })
				.reply(200, answer);
	}

	it('a concurrent duplicate: the re-list after the create shows an older identical job, so its own is cancelled', async () => {
		listings([], [job('0005'), job('0007')]);
		nock(BASE)
			.post('/api/v2/bulk/userstates')
			.reply(201, [job('0007')]);
		const deleted: string[] = [];
		nock(BASE)
			.delete(/\/api\/v2\/bulk\/userstates\/.+/)
			.reply(204, (uri) => {
				deleted.push(uri.split('/').pop() as string);
				return '';
			});
		const { json } = await runNode(params);
		expect(deleted).toEqual(['0007']);
		expect(json[0]).toMatchObject({
			scheduledJobId: '0005',
			alreadyScheduled: true,
			scheduled: true,
		});
	});

	it('the older of two identical jobs is kept: no cancel when its own job is the oldest', async () => {
		listings([], [job('0009'), job('0005')]);
		nock(BASE)
			.post('/api/v2/bulk/userstates')
			.reply(201, [job('0005')]);
		const { json, ctx } = await runNode(params);
		expect(ctx.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST', 'GET']);
		expect(json[0]).toMatchObject({ scheduledJobId: '0005', alreadyScheduled: false });
		expect(json[0]).not.toHaveProperty('replacedJobs');
	});

	it('by default leaves other pending changes alone (a second date adds a job)', async () => {
		listings(
			[job('0001', '2031-09-01T07:00:00Z')],
			[job('0001', '2031-09-01T07:00:00Z'), job('0005')],
		);
		nock(BASE)
			.post('/api/v2/bulk/userstates')
			.reply(201, [job('0005')]);
		const { json, ctx } = await runNode(params);
		expect(ctx.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST', 'GET']);
		expect(json[0]).toMatchObject({ scheduledJobId: '0005', alreadyScheduled: false });
	});

	it('Replace Other Scheduled Changes moves the date: cancels older pending jobs for the same state at other times only', async () => {
		const others = [
			job('0001', '2031-09-01T07:00:00Z'), // older, pending, same state: replaced
			job('0002', '2001-09-01T07:00:00Z'), // in the past: not pending
			job('0003', '2031-09-01T07:00:00Z', 'SUSPENDED'), // another state
			job('0004', '2031-08-01T07:00:00Z'), // shared with another user: left alone
			job('0009', '2031-11-01T07:00:00Z'), // newer than ours: another execution's later decision
		];
		listings(others, [...others, job('0005')]);
		nock(BASE)
			.post('/api/v2/bulk/userstates')
			.reply(201, [job('0005')])
			.get('/api/v2/bulk/userstates')
			.query({ limit: 100, skip: 0 })
			.reply(200, [...others, job('0004', '2031-08-01T07:00:00Z', 'ACTIVATED', U2), job('0005')]);
		const deleted: string[] = [];
		nock(BASE)
			.delete(/\/api\/v2\/bulk\/userstates\/.+/)
			.reply(204, (uri) => {
				deleted.push(uri.split('/').pop() as string);
				return '';
			});
		const { json } = await runNode({ ...params, replaceOtherScheduled: true });
		expect(deleted).toEqual(['0001']);
		expect(json[0]).toMatchObject({
			scheduledJobId: '0005',
			alreadyScheduled: false,
			replacedJobs: ['0001'],
			keptSharedJobs: ['0004'],
		});
	});

	it('Replace Other Scheduled Changes also finishes a move an earlier run left half done', async () => {
		listings([job('0001', '2031-09-01T07:00:00Z'), job('0005')]);
		nock(BASE)
			.get('/api/v2/bulk/userstates')
			.query({ limit: 100, skip: 0 })
			.reply(200, [job('0001', '2031-09-01T07:00:00Z'), job('0005')])
			.delete('/api/v2/bulk/userstates/0001')
			.reply(404, { message: 'not found' });
		const { json, ctx } = await runNode({ ...params, replaceOtherScheduled: true });
		expect(ctx.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'DELETE']);
		// Gone already (another execution cancelled it): nothing to report as replaced, and no error.
		expect(json[0]).toMatchObject({
			scheduledJobId: '0005',
			alreadyScheduled: true,
			replacedJobs: [],
		});
	});

	it('uses the workflow time zone when none is given, and rejects past dates and bad zones', async () => {
		nock(BASE)
			.get('/api/v2/bulk/userstates')
			.query(true)
			.reply(200, [])
			.post('/api/v2/bulk/userstates', (b) => b.start_date === '2031-01-15T14:00:00Z')
			.reply(201, [{ scheduledJobId: 'j2' }])
			.get('/api/v2/bulk/userstates')
			.query(true)
			.reply(200, [
				{
					scheduledJobId: 'j2',
					systemUserId: U1,
					state: 'ACTIVATED',
					scheduledDate: '2031-01-15T14:00:00Z',
				},
			]);
		await runNode(
			{ ...params, startDate: '2031-01-15T09:00:00', timezone: '' },
			{ timezone: 'America/New_York' },
		);
		await expect(runNode({ ...params, startDate: '2001-01-01T00:00:00' })).rejects.toThrow(
			/'Date and Time' .* is in the past/,
		);
		await expect(runNode({ ...params, timezone: 'Nowhere/Land' })).rejects.toThrow(
			/'Time Zone' "Nowhere\/Land" is not an IANA time zone/,
		);
	});

	it('lists scheduled changes of a user, one item each', async () => {
		nock(BASE)
			.get('/api/v2/bulk/userstates')
			.query({ userid: U1, limit: 100, skip: 0 })
			.reply(200, [{ scheduledJobId: 'a' }, { scheduledJobId: 'b' }]);
		const { out } = await runNode({
			resource: 'userState',
			operation: 'getScheduled',
			user: byId(U1),
		});
		expect(out).toEqual([
			{ json: { scheduledJobId: 'a' }, pairedItem: { item: 0 } },
			{ json: { scheduledJobId: 'b' }, pairedItem: { item: 0 } },
		]);
	});

	it('cancels a job, and reports a job already gone without failing', async () => {
		nock(BASE)
			.delete('/api/v2/bulk/userstates/j1')
			.reply(204)
			.delete('/api/v2/bulk/userstates/j2')
			.reply(404, { message: 'not found' });
		const first = await runNode({
			resource: 'userState',
			operation: 'cancelScheduled',
			scheduledJobId: 'j1',
		});
		expect(first.json[0]).toEqual({
			scheduledJobId: 'j1',
			cancelled: true,
			wasNotScheduled: false,
		});
		const second = await runNode({
			resource: 'userState',
			operation: 'cancelScheduled',
			scheduledJobId: 'j2',
		});
		expect(second.json[0]).toEqual({
			scheduledJobId: 'j2',
			cancelled: false,
			wasNotScheduled: true,
		});
	});
});
