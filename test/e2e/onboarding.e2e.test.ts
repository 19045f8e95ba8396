/**
 * Onboarding an existing directory (issue 21) in a real n8n with the shipped Nightly Reconciliation:
 * 500 employees whose JumpCloud users were made before the sync (no employee identifier), beside the
 * emulator's lived-in directory (admins, IT's suspensions, outside and service accounts). The documented
 * path: the dry run as shipped lists the would-be links and refusals and its creation brake says which
 * setting to change; with Settings → linkDomains the dry run proposes exactly the right links and writes
 * nothing; with Settings → linkExistingUsers a real run links them with no wrong link (suspended,
 * out-of-domain and already-linked users reported, never linked); a second run plans nothing. Then the
 * orphan report (issue 25): the nightly lists the users no employee accounts for, with why (the lived-in
 * accounts, the leavers' accounts still active, a user whose Factorial record is gone), in the summary and
 * its audit record, and a real run does nothing to them.
 */
import { join } from 'node:path';

import { generateCompany, livedInDirectory } from '../emulators';
import type { DemoCompany, SystemUser } from '../emulators';
import { hostFromEnv, packageTarballFromEnv } from './lib/host';
import {
	credentialsFor,
	loadTemplate,
	setSetting,
	startEmulators,
	variant,
	type Emulators,
} from './lib/fixtures';
import { N8n, outputOf } from './lib/n8n';
import { auditRecordProblems } from '../../scripts/lib/audit';

const host = hostFromEnv();
const EMPLOYEES = 500;
const DOMAIN = 'demo-company.example';
const OUTSIDE = 'contractor-agency.example';

type Obj = Record<string, unknown>;

describe(`n8n ${host.version}: linking an existing directory of ${EMPLOYEES} users`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	let company: DemoCompany;
	/** Employee id → the JumpCloud user id that holds its work email (before any run). */
	const holder = new Map<string, string>();
	const itSuspended: string[] = [];
	const outside: string[] = [];
	let linkedElsewhere = '';
	/** Active employees with a work email whose unlinked user may be linked (the expected links). */
	const expected = new Map<string, string>();

	const jumpCloud = () => emulators.jumpCloud;
	const writes = () =>
		Object.entries(jumpCloud().counters().byRoute)
			.filter(([route]) => /^(POST|PUT|PATCH|DELETE) /.test(route))
			.reduce((sum, [, n]) => sum + n, 0);
	const run = async (id: string) => {
		const runData = await n8n.executeOk(id);
		const [summary] = outputOf(runData, 'Summary');
		return { summary, items: outputOf(runData, 'Reconcile JumpCloud'), runData };
	};

	beforeAll(async () => {
		company = generateCompany({ seed: 'onboarding', employees: EMPLOYEES, domain: DOMAIN });
		const today = new Date().toISOString().slice(0, 10);
		// Active: not terminated by today (later starters too: their STAGED users are linked as well).
		const active = company.employees.filter(
			(e) => e.email && !(e.terminated_on && e.terminated_on <= today),
		);
		emulators = await startEmulators(
			{ company },
			// A directory made before the sync: a user per employee, none linked, a few missing (to create).
			{ mirror: { company, linked: false, missingRate: 0.03, changedRate: 0, staleRate: 0.2 } },
		);
		for (const e of company.employees) {
			const user = e.email ? jumpCloud().findUser({ email: e.email }) : undefined;
			if (user) holder.set(e.id, user._id);
		}
		const put = async (userId: string, body: Obj) => {
			const res = await fetch(`${jumpCloud().url}/api/systemusers/${userId}`, {
				method: 'PUT',
				headers: { 'x-api-key': jumpCloud().apiKey, 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			expect(res.status).toBe(200);
		};
		const withUser = active.filter((e) => holder.has(e.id));
		// Three contractors whose work email (in Factorial and JumpCloud alike) is outside the company domain.
		for (const e of withUser.slice(10, 13)) {
			const email = `${e.email?.split('@')[0]}@${OUTSIDE}`;
			emulators.factorial.updateEmployee(e.id, { email, login_email: email }, { emit: false });
			await put(holder.get(e.id) as string, { email });
			outside.push(e.id);
		}
		// IT suspended three active employees' accounts (an incident): they stay suspended and unlinked.
		for (const e of withUser.slice(20, 23)) {
			await put(holder.get(e.id) as string, { state: 'SUSPENDED', suspended: true });
			itSuspended.push(e.id);
		}
		// One account already linked to another employee id (a former employee): never relinked.
		linkedElsewhere = withUser[30].id;
		await put(holder.get(linkedElsewhere) as string, { employeeIdentifier: '990001' });
		for (const e of withUser)
			if (!itSuspended.includes(e.id) && !outside.includes(e.id) && e.id !== linkedElsewhere)
				expected.set(e.id, holder.get(e.id) as string);
		expect(expected.size).toBeGreaterThan(400);
		jumpCloud().resetCounters();

		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials(credentialsFor(emulators));
		const shipped = loadTemplate('nightly-reconciliation');
		const review = setSetting(
			variant(shipped, 'fjOnbReview00001', 'Nightly (linkDomains set, dry run)'),
			'linkDomains',
			DOMAIN,
		);
		const apply = setSetting(
			setSetting(
				setSetting(
					variant(shipped, 'fjOnbApply000001', 'Nightly (links applied)'),
					'linkDomains',
					DOMAIN,
				),
				'linkExistingUsers',
				true,
			),
			'dryRun',
			false,
		);
		await n8n.importWorkflows([shipped, review, apply]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	it('the dry run as shipped writes nothing, lists every would-be link as refused for want of an allow-list, and its creation brake names the setting', async () => {
		const { summary, items } = await run(String(loadTemplate('nightly-reconciliation').id));
		expect(writes()).toBe(0);
		const links = summary.links as Obj;
		expect(links).toMatchObject({ applied: false, proposed: 0 });
		expect((links.refusedBy as Obj).noAllowList).toBe(expected.size + outside.length);
		expect((links.refusedBy as Obj).suspended).toBe(itSuspended.length);
		expect((links.refusedBy as Obj).alreadyLinked).toBe(1);
		expect((links.domains as Obj)[DOMAIN]).toBeGreaterThan(400);
		expect((links.domains as Obj)[OUTSIDE]).toBe(outside.length);
		// Nothing is linked, so the sync manages nobody and the ~2% missing users trip the creation brake:
		// the message says to link the existing users first, and where.
		expect(String(summary.creationBrakeMessage)).toMatch(
			/A real run would stop here\..*link existing users first \(Settings → linkDomains, then linkExistingUsers\)/,
		);
		const refusal = items.find((i) => i.action === 'conflict' && i.employeeId === outside[0]);
		expect(refusal).toMatchObject({ link: 'refused', linkRefusal: 'noAllowList' });
	});

	it('with Settings → linkDomains, the dry run proposes exactly the right links, refuses the rest with the reason, and writes nothing', async () => {
		const { summary, items } = await run('fjOnbReview00001');
		expect(writes()).toBe(0);
		expect(summary.links).toMatchObject({
			applied: false,
			proposed: expected.size,
			refusedBy: { suspended: 3, outsideAllowList: 3, alreadyLinked: 1 },
		});
		const proposed = items.filter((i) => i.link === 'proposed');
		expect(new Map(proposed.map((i) => [String(i.employeeId), String(i.userIds)]))).toEqual(
			expected,
		);
		for (const id of itSuspended)
			expect(items.find((i) => i.employeeId === id)).toMatchObject({
				linkRefusal: 'suspended',
				reason: expect.stringMatching(/suspended/),
			});
		for (const id of outside)
			expect(items.find((i) => i.employeeId === id)).toMatchObject({
				linkRefusal: 'outsideAllowList',
				reason: expect.stringContaining(OUTSIDE),
			});
		expect(items.find((i) => i.employeeId === linkedElsewhere)).toMatchObject({
			linkRefusal: 'alreadyLinked',
			reason: expect.stringMatching(/990001/),
		});
	});

	it('with Settings → linkExistingUsers, a real run links them with no wrong link; the refused stay as they were; a second run plans nothing', async () => {
		const before = new Map(
			jumpCloud()
				.users()
				.map((u) => [u._id, { ...u }]),
		);
		const { summary } = await run('fjOnbApply000001');
		expect(summary).toMatchObject({ dryRun: false, failed: 0, adopted: expected.size });
		expect(summary.links).toMatchObject({ applied: true, proposed: expected.size });

		const byId = new Map(
			jumpCloud()
				.users()
				.map((u) => [u._id, u]),
		);
		// Every expected link, and no other user got an employee identifier it did not have.
		for (const [employeeId, userId] of expected)
			expect(byId.get(userId)?.employeeIdentifier).toBe(employeeId);
		const linkedNow = [...byId.values()].filter(
			(u) => u.employeeIdentifier && !before.get(u._id)?.employeeIdentifier,
		);
		const created = linkedNow.filter((u) => !before.has(u._id));
		expect(linkedNow.length - created.length).toBe(expected.size);
		for (const u of created) {
			// Users created for employees JumpCloud lacked carry their own employee's work email.
			const e = company.employees.find((x) => x.id === u.employeeIdentifier);
			expect(u.email).toBe(e?.email);
			expect(holder.has(String(u.employeeIdentifier))).toBe(false);
		}
		for (const id of [...itSuspended, ...outside]) {
			const user = byId.get(holder.get(id) as string) as SystemUser;
			expect(user.employeeIdentifier ?? '').toBe('');
			expect(user.state).toBe(before.get(user._id)?.state);
		}
		expect(byId.get(holder.get(linkedElsewhere) as string)?.employeeIdentifier).toBe('990001');
		// The lived-in directory is untouched: same fields, same groups.
		for (const u of livedInDirectory({ domain: DOMAIN }).users) {
			const now = [...byId.values()].find((x) => x.username === u.username) as SystemUser;
			expect(now).toEqual(before.get(now._id));
		}
		for (const g of livedInDirectory({ domain: DOMAIN }).groups) {
			const group = jumpCloud()
				.groups()
				.find((x) => x.name === g.name);
			const usernames = (group?.memberIds ?? []).map((id) => byId.get(id)?.username).sort();
			expect(usernames).toEqual([...g.usernames].sort());
		}

		jumpCloud().resetCounters();
		const again = await run('fjOnbApply000001');
		expect(again.summary).toMatchObject({
			created: 0,
			updated: 0,
			adopted: 0,
			reactivated: 0,
			suspended: 0,
			activated: 0,
			activationsScheduled: 0,
			teamGroupMembershipsAdded: 0,
			teamGroupMembershipsRemoved: 0,
			failed: 0,
			links: {
				applied: true,
				proposed: 0,
				refusedBy: { suspended: 3, outsideAllowList: 3, alreadyLinked: 1 },
			},
		});
		expect(writes()).toBe(0);
	});

	it('the nightly lists the orphans (users no employee accounts for) with their reasons in the summary and its audit record, and a real run leaves them alone', async () => {
		const today = new Date().toISOString().slice(0, 10);
		// A Factorial record deleted after its user was made: the identifier is nobody's now.
		const [gone] = jumpCloud().insertUsers([
			{
				username: 'deleted.record',
				email: `deleted.record@${DOMAIN}`,
				firstname: 'Deleted',
				lastname: 'Record',
				employeeIdentifier: '990099',
				state: 'ACTIVATED',
			},
		]);
		const leaverEmails = new Set(
			company.employees
				.filter((e) => e.email && e.terminated_on && e.terminated_on < today)
				.map((e) => String(e.email).toLowerCase()),
		);
		const users = jumpCloud().users();
		// The leavers' accounts made before the sync and still active (the mirror's stale leavers): never linked.
		const leaversActive = users.filter(
			(u) =>
				!u.employeeIdentifier && u.state !== 'SUSPENDED' && leaverEmails.has(u.email.toLowerCase()),
		);
		expect(leaversActive.length).toBeGreaterThan(0);
		const livedIn = livedInDirectory({ domain: DOMAIN }).users;
		const expected = new Map<string, string>([
			...leaversActive.map((u) => [u._id, 'terminated_active'] as [string, string]),
			[gone._id, 'unknown_identifier'],
			...livedIn.map(
				(l) =>
					[users.find((u) => u.username === l.username)?._id as string, 'no_identifier'] as [
						string,
						string,
					],
			),
		]);

		jumpCloud().resetCounters();
		const { summary, runData } = await run(String(loadTemplate('nightly-reconciliation').id));
		expect(writes()).toBe(0);
		const orphans = summary.orphans as {
			total: number;
			byReason: Obj;
			users: Array<Record<string, string>>;
			omitted: number;
		};
		expect(orphans).toMatchObject({
			total: expected.size,
			omitted: 0,
			byReason: {
				terminated_active: leaversActive.length,
				unknown_identifier: 1,
				no_identifier: livedIn.length,
			},
		});
		expect(new Map(orphans.users.map((o) => [o.id, o.reason]))).toEqual(expected);
		// Most urgent first; each entry names the user and its state, and nothing else.
		expect(orphans.users[0].reason).toBe('terminated_active');
		for (const o of orphans.users) {
			const user = users.find((u) => u._id === o.id) as SystemUser;
			expect(o).toMatchObject({ username: user.username, email: user.email, state: user.state });
			expect(Object.keys(o).sort()).toEqual(
				o.reason === 'no_identifier'
					? ['email', 'id', 'reason', 'state', 'username']
					: ['email', 'employeeId', 'id', 'reason', 'state', 'username'],
			);
		}
		expect(orphans.users.find((o) => o.id === gone._id)?.employeeId).toBe('990099');
		expect(orphans.users.find((o) => o.username === 'former.admin')).toMatchObject({
			reason: 'no_identifier',
			state: 'SUSPENDED',
		});

		// The summary's audit record: the count in its line, one skipped `orphan` action per listed user.
		const audit = outputOf(runData, 'Audit Record');
		for (const record of audit) expect(auditRecordProblems(record)).toEqual([]);
		const record = audit.find((r) => r.event === 'reconciliation.summary') as Obj;
		expect(String(record.summary)).toContain(
			`orphans (JumpCloud users no employee accounts for, never acted on) ${expected.size} terminated_active ${leaversActive.length}, unknown_identifier 1, no_identifier ${livedIn.length}`,
		);
		const listed = (record.actions as Array<Record<string, string>>).filter(
			(a) => a.action === 'orphan',
		);
		expect(listed).toHaveLength(expected.size);
		for (const a of listed) expect(a.status).toBe('skipped');
		expect(listed.map((a) => a.detail)).toContain(
			`unknown_identifier: deleted.record (deleted.record@${DOMAIN}, ACTIVATED, JumpCloud user ${gone._id}, employee 990099): not acted on`,
		);
		// Other records name none of them.
		for (const r of audit.filter((x) => x !== record))
			expect(expected.has(String(r.jumpCloudUserId))).toBe(false);

		// A real run (links on, as the admin left it) reports them too and writes nothing to anyone.
		const before = JSON.stringify(jumpCloud().users());
		jumpCloud().resetCounters();
		const real = await run('fjOnbApply000001');
		expect(real.summary).toMatchObject({
			dryRun: false,
			failed: 0,
			orphans: { total: expected.size },
		});
		expect(writes()).toBe(0);
		expect(JSON.stringify(jumpCloud().users())).toBe(before);
	});
});
