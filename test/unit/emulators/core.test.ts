import {
	generateCompany,
	jumpCloudMirror,
	startFactorialEmulator,
	startJumpCloudEmulator,
} from '../../emulators';

describe('emulator core: rate limits, faults, control API', () => {
	it('answers 429 with Retry-After once the window is used up', async () => {
		const f = await startFactorialEmulator({
			employees: 5,
			rateLimit: { requests: 3, windowMs: 60_000 },
		});
		try {
			const statuses: number[] = [];
			let retryAfter: string | null = null;
			for (let i = 0; i < 5; i++) {
				const res = await fetch(`${f.url}/api/2026-10-01/resources/teams/teams`, {
					headers: { 'x-api-key': f.apiKey },
				});
				statuses.push(res.status);
				if (res.status === 429) retryAfter = res.headers.get('retry-after');
			}
			expect(statuses).toEqual([200, 200, 200, 429, 429]);
			expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
			expect(Number(retryAfter)).toBeLessThanOrEqual(60);
			expect(f.counters().rateLimited).toBe(2);
		} finally {
			await f.close();
		}
	});

	it('injects queued faults in order: 503, then a connection reset, then normal service', async () => {
		const j = await startJumpCloudEmulator({});
		try {
			j.injectFaults(['503', 'reset'], { path: '/systemusers' });
			const get = () => fetch(`${j.url}/api/systemusers`, { headers: { 'x-api-key': j.apiKey } });
			expect((await get()).status).toBe(503);
			await expect(get()).rejects.toThrow();
			expect((await get()).status).toBe(200);
		} finally {
			await j.close();
		}
	});

	it('applies a write and then resets the connection with reset-after', async () => {
		const j = await startJumpCloudEmulator({});
		try {
			j.injectFaults(['reset-after'], { method: 'POST' });
			const create = fetch(`${j.url}/api/systemusers`, {
				method: 'POST',
				headers: { 'x-api-key': j.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'ghost', email: 'ghost@x.example' }),
			});
			await expect(create).rejects.toThrow();
			expect(j.findUser({ username: 'ghost' })).toBeDefined();
		} finally {
			await j.close();
		}
	});

	it('draws the same random faults for the same seed', async () => {
		const run = async () => {
			const j = await startJumpCloudEmulator({
				seed: 'faults',
				faultRate: 0.5,
				faultKinds: ['500', '503'],
			});
			try {
				const statuses: number[] = [];
				for (let i = 0; i < 30; i++)
					statuses.push(
						(await fetch(`${j.url}/api/systemusers`, { headers: { 'x-api-key': j.apiKey } }))
							.status,
					);
				return statuses;
			} finally {
				await j.close();
			}
		};
		const a = await run();
		expect(await run()).toEqual(a);
		expect(a.filter((s) => s !== 200).length).toBeGreaterThan(5);
		expect(a.filter((s) => s === 200).length).toBeGreaterThan(5);
	});

	it('exposes the same controls over HTTP: faults, config, counters, reset', async () => {
		const f = await startFactorialEmulator({ employees: 10 });
		try {
			const control = (method: string, path: string, body?: unknown) =>
				fetch(`${f.url}/__emulator${path}`, {
					method,
					headers: { 'content-type': 'application/json' },
					body: body === undefined ? undefined : JSON.stringify(body),
				});
			await control('PUT', '/faults', { next: ['500'] });
			const api = () =>
				fetch(`${f.url}/api/2026-10-01/resources/employees/employees/1`, {
					headers: { 'x-api-key': f.apiKey },
				});
			expect((await api()).status).toBe(500);
			expect((await api()).status).toBe(200);
			const counters = (await (await control('GET', '/counters')).json()) as {
				get: number;
				faulted: number;
			};
			expect(counters).toMatchObject({ get: 2, faulted: 1 });
			await control('PUT', '/config', { latencyMs: 50 });
			const t = Date.now();
			await api();
			expect(Date.now() - t).toBeGreaterThanOrEqual(45);
			const created = (await (
				await control('POST', '/employees', {
					first_name: 'Ørjan',
					last_name: 'Sørensen',
					email: 'orjan@x.example',
				})
			).json()) as { id: string };
			expect(f.getEmployee(created.id)).toMatchObject({ first_name: 'Ørjan' });
			await control('POST', '/reset', {});
			expect(f.getEmployee(created.id)).toBeUndefined();
			expect(
				((await (await control('GET', '/state')).json()) as { counts: { employees: number } })
					.counts.employees,
			).toBe(10);
		} finally {
			await f.close();
		}
	});
});

describe('demo company generator', () => {
	it('is deterministic per seed and reference date', () => {
		const a = generateCompany({ seed: 's', employees: 200, referenceDate: '2026-11-21' });
		const b = generateCompany({ seed: 's', employees: 200, referenceDate: '2026-11-21' });
		const c = generateCompany({ seed: 't', employees: 200, referenceDate: '2026-11-21' });
		expect(JSON.stringify(b)).toBe(JSON.stringify(a));
		expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
	});

	it('covers the hard cases: scripts, apostrophes, particles, same names, no email, terminations, future starts', () => {
		const company = generateCompany({ seed: 'demo', employees: 1000, referenceDate: '2026-11-21' });
		const names = company.employees.map((e) => e.full_name);
		expect(names.some((n) => /[\u0400-\u04FF]/.test(n))).toBe(true); // Cyrillic
		expect(names.some((n) => /[\u0370-\u03FF]/.test(n))).toBe(true); // Greek
		expect(names.some((n) => /[\u4E00-\u9FFF]/.test(n))).toBe(true); // CJK
		expect(names.some((n) => /[\u0600-\u06FF]/.test(n))).toBe(true); // Arabic
		expect(names.some((n) => /[ßøåé]/.test(n))).toBe(true);
		expect(names.some((n) => n.includes("O'"))).toBe(true);
		expect(names.some((n) => / van (der|den) /.test(` ${n} `))).toBe(true);
		expect(new Set(names).size).toBeLessThan(names.length);
		const emails = company.employees.flatMap((e) => (e.email ? [e.email] : []));
		expect(new Set(emails).size).toBe(emails.length);
		expect(emails.every((m) => /^[a-z0-9.-]+@demo-company\.example$/.test(m))).toBe(true);
		expect(company.employees.some((e) => e.email === null)).toBe(true);
		expect(company.employees.some((e) => e.terminated_on && e.terminated_on <= '2026-11-21')).toBe(
			true,
		);
		expect(company.employees.some((e) => (e.seniority_calculation_date ?? '') > '2026-11-21')).toBe(
			true,
		);
		expect(new Set(company.locations.map((l) => l.timezone))).toEqual(
			expect.objectContaining({ size: expect.any(Number) }),
		);
		expect(company.locations.map((l) => l.timezone)).toEqual(
			expect.arrayContaining(['Europe/Madrid', 'America/New_York', 'Asia/Kolkata']),
		);
		const ids = new Set(company.employees.map((e) => e.id));
		expect(
			company.employees.every(
				(e) => e.manager_id === null || (ids.has(e.manager_id) && e.manager_id !== e.id),
			),
		).toBe(true);
	});

	// Correctness only at the bench's size; how long it takes is measured by `npm run bench`, not a timer here.
	it('generates a 50k-employee company and its mirror', () => {
		const company = generateCompany({ seed: 'big', employees: 50_000 });
		const mirror = jumpCloudMirror(company);
		expect(company.employees).toHaveLength(50_000);
		expect(mirror.users.length).toBeGreaterThan(45_000);
		expect(new Set(company.employees.map((e) => e.id)).size).toBe(50_000);
	});
});
