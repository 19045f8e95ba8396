import { startJumpCloudEmulator, type JumpCloudEmulator, type SystemUser } from '../../emulators';

describe('JumpCloud emulator', () => {
	let j: JumpCloudEmulator;
	const call = (
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = { 'x-api-key': j.apiKey },
	) =>
		fetch(`${j.url}/api${path}`, {
			method,
			headers: {
				...headers,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
		});

	beforeAll(async () => {
		j = await startJumpCloudEmulator({
			seed: 'unit',
			mirror: { employees: 120 },
			groups: ['Alumni'],
		});
	});
	afterAll(async () => {
		await j.close();
	});

	it('redirects a missing key to the login page and answers 401 to a wrong one', async () => {
		const missing = await call('GET', '/systemusers', undefined, {});
		expect(missing.status).toBe(302);
		expect(missing.headers.get('location')).toBe('/login');
		const wrong = await call('GET', '/systemusers', undefined, { 'x-api-key': 'jca_wrong' });
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toEqual({
			error: 'Unauthorized',
			message: 'Unauthorized: api key user not found',
		});
		const withOrg = await call('GET', '/systemusers?limit=1', undefined, {
			'x-api-key': j.apiKey,
			'x-org-id': j.orgId,
		});
		expect(withOrg.status).toBe(200);
		expect(j.snapshot().orgIdsSeen).toContain(j.orgId);
	});

	it('lists with skip/limit/totalCount, space-separated fields and rejects limit > 100', async () => {
		const total = j.state.users.size;
		const page = (await (
			await call('GET', '/systemusers?limit=100&skip=100&sort=_id&fields=username%20email')
		).json()) as { totalCount: number; results: Array<Record<string, unknown>> };
		expect(page.totalCount).toBe(total);
		expect(page.results).toHaveLength(Math.min(100, total - 100));
		expect(Object.keys(page.results[0]).sort()).toEqual(['_id', 'email', 'id', 'username']);
		const tooMany = await call('GET', '/systemusers?limit=101');
		expect(tooMany.status).toBe(400);
		expect(await tooMany.json()).toEqual({
			message: 'Bad Request: request parameter "limit" exceeds maximum value of 100',
		});
	});

	it('filters exactly (case-sensitive $eq) and searches case-insensitively with $regex', async () => {
		const u = j.users()[5];
		const eq = (await (
			await call('GET', `/systemusers?filter=${encodeURIComponent(`email:$eq:${u.email}`)}`)
		).json()) as { totalCount: number };
		expect(eq.totalCount).toBe(1);
		const eqUpper = (await (
			await call(
				'GET',
				`/systemusers?filter=${encodeURIComponent(`email:$eq:${u.email.toUpperCase()}`)}`,
			)
		).json()) as { totalCount: number };
		expect(eqUpper.totalCount).toBe(0);
		const escaped = u.email.toUpperCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const search = (await (
			await call('POST', '/search/systemusers', {
				filter: { and: [{ email: { $regex: `(?i)(^${escaped}$)` } }] },
				fields: 'username',
			})
		).json()) as { totalCount: number; results: Array<{ _id: string }> };
		expect(search.totalCount).toBe(1);
		expect(search.results[0]._id).toBe(u._id);
		const partial = (await (
			await call('POST', '/search/systemusers', {
				searchFilter: { searchTerm: u.username.slice(0, 4), fields: ['username'] },
			})
		).json()) as { totalCount: number };
		expect(partial.totalCount).toBeGreaterThanOrEqual(1);
	});

	it('enforces unique username, email and employeeIdentifier with the error shape', async () => {
		// A mirrored user (the lived-in directory's users carry no employee identifier).
		const u = j.users().find((x) => x.employeeIdentifier) as SystemUser;
		const base = {
			username: 'fresh.user',
			email: 'fresh.user@demo-company.example',
			employeeIdentifier: 'NEW-1',
		};
		for (const [field, value] of [
			['username', u.username.toUpperCase()],
			['email', u.email],
			['employeeIdentifier', String(u.employeeIdentifier)],
		]) {
			const res = await call('POST', '/systemusers', { ...base, [field]: value });
			expect(res.status).toBe(400);
			expect(await res.json()).toMatchObject({
				code: 400,
				details: [{ fieldViolationsList: [{ field }] }],
			});
		}
		expect(j.findUser({ email: base.email })).toBeUndefined();
		const ok = await call('POST', '/systemusers', { ...base, state: 'STAGED' });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({
			username: 'fresh.user',
			state: 'STAGED',
			suspended: false,
			activated: false,
		});
		expect((await call('POST', '/systemusers', { email: 'x@y.example' })).status).toBe(400);
	});

	it('moves users through states: activate, suspend by PUT, no PUT back to STAGED', async () => {
		const created = (await (
			await call('POST', '/systemusers', {
				username: 'state.user',
				email: 'state.user@demo-company.example',
				state: 'STAGED',
			})
		).json()) as { _id: string };
		expect(
			(await call('POST', `/systemusers/${created._id}/state/activate`, { email: false })).status,
		).toBe(200);
		expect(j.findUser({ id: created._id })?.state).toBe('ACTIVATED');
		const suspended = (await (
			await call('PUT', `/systemusers/${created._id}`, { state: 'SUSPENDED', suspended: true })
		).json()) as Record<string, unknown>;
		expect(suspended).toMatchObject({ state: 'SUSPENDED', suspended: true });
		expect((await call('PUT', `/systemusers/${created._id}`, { state: 'STAGED' })).status).toBe(
			400,
		);
		expect((await call('POST', `/systemusers/${created._id}/unlock`)).status).toBe(200);
		expect((await call('POST', `/systemusers/${created._id}/expire`)).status).toBe(200);
		expect(j.findUser({ id: created._id })?.password_expired).toBe(true);
		expect((await call('POST', '/systemusers/000000000000000000000000/unlock')).status).toBe(404);
	});

	it('manages groups with x-total-count and the documented member add/remove behaviour', async () => {
		const list = await call('GET', '/v2/usergroups?filter=name:eq:Alumni');
		expect(list.headers.get('x-total-count')).toBe('1');
		const [alumni] = (await list.json()) as Array<{ id: string; name: string; type: string }>;
		expect(alumni).toMatchObject({ name: 'Alumni', type: 'user_group' });
		const user = j.users()[1];
		const member = (op: 'add' | 'remove') =>
			call('POST', `/v2/usergroups/${alumni.id}/members`, { op, type: 'user', id: user._id });
		const add = () => member('add');
		expect((await add()).status).toBe(204);
		const dup = await add();
		expect(dup.status).toBe(409);
		expect(await dup.json()).toEqual({ message: 'Already Exists' });
		const memberof = await call('GET', `/v2/users/${user._id}/memberof`);
		expect(((await memberof.json()) as Array<{ id: string }>).map((g) => g.id)).toContain(
			alumni.id,
		);
		expect((await member('remove')).status).toBe(204);
		expect((await member('remove')).status).toBe(404);
		expect((await call('POST', '/v2/usergroups', { name: 'alumni' })).status).toBe(409);
		const created = await call('POST', '/v2/usergroups', { name: 'New Joiners' });
		expect(created.status).toBe(201);
	});

	it('keeps a group’s attributes and description as posted and put, and refuses what the contract refuses', async () => {
		const mark = { factorialJumpCloudSync: { team: 'Sales, EMEA', how: 'mapped' } };
		const posted = await call('POST', '/v2/usergroups', {
			name: 'Sales EMEA',
			description: 'Sales in Europe',
			attributes: { sudo: { enabled: false, withoutPassword: false } },
		});
		expect(posted.status).toBe(201);
		const { id } = (await posted.json()) as { id: string };
		const put = await call('PUT', `/v2/usergroups/${id}`, {
			name: 'Sales EMEA',
			description: 'Sales in Europe',
			attributes: { sudo: { enabled: false, withoutPassword: false }, ...mark },
		});
		expect(put.status).toBe(200);
		const read = (await (await call('GET', `/v2/usergroups/${id}`)).json()) as Record<
			string,
			unknown
		>;
		expect(read).toMatchObject({
			name: 'Sales EMEA',
			description: 'Sales in Europe',
			attributes: { sudo: { enabled: false, withoutPassword: false }, ...mark },
		});
		const listed = (await (
			await call('GET', '/v2/usergroups?filter=name:eq:Sales%20EMEA')
		).json()) as Array<Record<string, unknown>>;
		expect(listed[0].attributes).toEqual(read.attributes);
		// UserGroupPut: name required, no unknown fields, attributes an object.
		expect((await call('PUT', `/v2/usergroups/${id}`, { attributes: mark })).status).toBe(400);
		expect((await call('PUT', `/v2/usergroups/${id}`, { name: 'x', id })).status).toBe(400);
		expect(
			(await call('PUT', `/v2/usergroups/${id}`, { name: 'x', attributes: 'owned' })).status,
		).toBe(400);
		expect((await call('POST', '/v2/usergroups', { name: 'y', description: 5 })).status).toBe(400);
		// PUT replaces the group: a field left out goes back to its default.
		await call('PUT', `/v2/usergroups/${id}`, { name: 'Sales EMEA' });
		expect(await (await call('GET', `/v2/usergroups/${id}`)).json()).toMatchObject({
			description: '',
			attributes: null,
		});
		// Groups of the `groups` option are the sync's own team groups: they carry its mark.
		const alumni = j.groups().find((g) => g.name === 'Alumni');
		expect(alumni?.attributes).toMatchObject({
			factorialJumpCloudSync: { team: 'Alumni', how: 'created' },
		});
	});

	it('schedules, lists, runs and cancels user state changes', async () => {
		const u = (await (
			await call('POST', '/systemusers', {
				username: 'sched.user',
				email: 'sched.user@demo-company.example',
				state: 'STAGED',
			})
		).json()) as { _id: string };
		const res = await call('POST', '/v2/bulk/userstates', {
			user_ids: [u._id],
			state: 'ACTIVATED',
			start_date: '2030-01-06T08:00:00Z',
			send_activation_emails: true,
		});
		expect(res.status).toBe(201);
		const [job] = (await res.json()) as Array<{
			scheduledJobId: string;
			systemUserId: string;
			state: string;
			scheduledDate: string;
		}>;
		expect(job).toMatchObject({
			systemUserId: u._id,
			state: 'ACTIVATED',
			// UTC without a zone, as in JumpCloud's examples.
			scheduledDate: '2030-01-06 08:00:00',
		});
		const listed = (await (
			await call('GET', `/v2/bulk/userstates?userid=${u._id}`)
		).json()) as unknown[];
		expect(listed).toHaveLength(1);
		expect(j.runScheduledJobs('2030-01-06T07:59:59Z')).toBe(0);
		expect(j.runScheduledJobs('2030-01-06T08:00:00Z')).toBe(1);
		expect(j.findUser({ id: u._id })?.state).toBe('ACTIVATED');
		const second = (await (
			await call('POST', '/v2/bulk/userstates', {
				user_ids: [u._id],
				state: 'SUSPENDED',
				start_date: '2031-01-01T00:00:00Z',
			})
		).json()) as Array<{ scheduledJobId: string }>;
		expect((await call('DELETE', `/v2/bulk/userstates/${second[0].scheduledJobId}`)).status).toBe(
			204,
		);
		expect((await call('DELETE', `/v2/bulk/userstates/${second[0].scheduledJobId}`)).status).toBe(
			404,
		);
	});

	it('mirrors the demo company: users matched by employeeIdentifier, team groups with members', () => {
		const users = j.users().filter((u) => u.employeeIdentifier !== null);
		expect(users.length).toBeGreaterThan(100);
		expect(new Set(users.map((u) => u.employeeIdentifier)).size).toBe(users.length);
		const engineering = j.groups().find((g) => g.name === 'Engineering');
		expect(engineering?.memberIds.length).toBeGreaterThan(0);
		expect(j.groupsOf(engineering?.memberIds[0] as string)).toContain('Engineering');
	});
});
