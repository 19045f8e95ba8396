/**
 * The JumpCloud call sites whose request body is built at run time, each run through its real code path
 * against the JumpCloud emulator (which checks every request against test/contracts/jumpcloud.json and
 * answers a violation with JumpCloud's 400). drivesSite fails unless a request from the named site reached
 * that check and passed it, so `npm run contracts` lists the site as "driven by" this file (it reads
 * the ids from the drivesSite calls: they stay string literals).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { GenerateUniqueUsername } from '../../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import { searchUsers } from '../../../nodes/JumpCloud/listSearch';
import { SUSPENSION_MARK } from '../../../nodes/lib/suspensionMark';
import { drivesSite } from '../../contracts/sites';
import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators/jumpcloud';
import { createFakeContext, type FakeContextOptions } from '../../helpers/executeFunctions';
import { runReconcile } from '../../helpers/reconcile';
import { usernameParams } from '../../helpers/username';

describe('JumpCloud call sites with run-time bodies pass the contract check (emulator)', () => {
	let jc: JumpCloudEmulator;

	beforeAll(async () => {
		jc = await startJumpCloudEmulator({ seed: 'driven-sites' });
	});
	afterAll(async () => jc.close());

	function options(over: Omit<FakeContextOptions, 'credentials' | 'credentialTypes'> = {}) {
		return {
			...over,
			credentials: {
				jumpCloudApi: { region: 'custom', customUrl: jc.url, apiKey: jc.apiKey, orgId: '' },
			},
			credentialTypes: [new JumpCloudApi()],
		};
	}

	async function run(params: IDataObject): Promise<IDataObject> {
		const ctx = createFakeContext(options({ params: { authentication: 'apiKey', ...params } }));
		const [out] = await new JumpCloud().execute.call(ctx.asExecute());
		return out[0].json;
	}

	const byEmployee = (value: string) => ({ __rl: true, mode: 'employeeIdentifier', value });
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });

	/** A user of its own per test, so the tests do not depend on each other's writes. */
	function person(tag: string, over: IDataObject = {}) {
		const [u] = jc.insertUsers([
			{
				username: `driven.${tag}`,
				email: `driven.${tag}@example.com`,
				firstname: 'Driven',
				lastname: tag,
				employeeIdentifier: `D-${tag}`,
				state: 'ACTIVATED',
				activated: true,
				...over,
			},
		]);
		return u;
	}

	const createParams = (tag: string, over: IDataObject = {}): IDataObject => ({
		resource: 'user',
		operation: 'create',
		email: `new.${tag}@example.com`,
		username: `new.${tag}`,
		state: 'STAGED',
		onUsernameConflict: 'appendNumber',
		additionalFields: {
			firstName: 'New',
			lastName: tag,
			employeeIdentifier: `N-${tag}`,
			jobTitle: 'Engineer',
			attributes: { attribute: [{ name: 'hrisId', value: tag }] },
			phoneNumbers: { phoneNumber: [{ type: 'mobile', number: '+34 600 000 000' }] },
			addresses: { address: [{ type: 'work', locality: 'Madrid', country: 'ES' }] },
		},
		simplify: true,
		...over,
	});

	describe('User → Create', () => {
		it('looks the person up by employee identifier and email', async () => {
			await drivesSite('nodes/JumpCloud/shared/createUser.ts#findExistingPerson', () =>
				run(createParams('a')),
			);
		});

		it('checks which candidate usernames are taken', async () => {
			person('taken', { username: 'new.b' });
			const out = await drivesSite('nodes/JumpCloud/shared/createUser.ts#createUser', () =>
				run(createParams('b')),
			);
			expect(out.username).toBe('new.b1');
		});

		it('posts the user with every field the node sends', async () => {
			const out = await drivesSite('nodes/JumpCloud/shared/createUser.ts#postUser', () =>
				run(
					createParams('c', {
						additionalFields: {
							...(createParams('c').additionalFields as IDataObject),
							middleName: 'M',
							displayName: 'New C',
							department: 'R&D',
							company: 'Acme',
							costCenter: 'CC-1',
							employeeType: 'Full-time',
							location: 'Madrid',
							description: 'Driven by the contract test',
							alternateEmail: 'new.c.personal@example.org',
						},
					}),
				),
			);
			expect(jc.findUser({ id: String(out.id) })).toMatchObject({
				username: 'new.c',
				department: 'R&D',
				state: 'STAGED',
			});
		});
	});

	describe('User → Get', () => {
		it('finds a user by employee identifier (no error when none matches)', async () => {
			person('get');
			const out = await drivesSite('nodes/JumpCloud/shared/helpers.ts#findUser#2', () =>
				run({
					resource: 'user',
					operation: 'get',
					user: byEmployee('D-get'),
					ifNotFound: 'outputNotFound',
				}),
			);
			expect(out).toMatchObject({ found: true, username: 'driven.get' });
		});

		it('checks the email when the employee identifier matches no one', async () => {
			person('byemail');
			const out = await drivesSite('nodes/JumpCloud/resources/user/get.ts#execute', () =>
				run({
					resource: 'user',
					operation: 'get',
					user: byEmployee('D-nobody'),
					checkEmail: 'someone.else@example.com',
					ifNotFound: 'outputNotFound',
				}),
			);
			expect(out).toMatchObject({ found: false });
		});
	});

	describe('User → Update', () => {
		it('writes the planned change, lists merged into what the user has', async () => {
			const u = person('upd', {
				jobTitle: 'Engineer',
				phoneNumbers: [{ type: 'mobile', number: '+34 611 111 111' }],
				attributes: [{ name: 'badge', value: '12' }],
			});
			await drivesSite('nodes/JumpCloud/shared/helpers.ts#putUser', () =>
				run({
					resource: 'user',
					operation: 'update',
					user: byId(u._id),
					updateFields: {
						jobTitle: 'Lead',
						phoneNumbers: { phoneNumber: [{ type: 'work', number: '+49 40 123' }] },
						addresses: { address: [{ type: 'work', locality: 'Hamburg' }] },
						attributes: { attribute: [{ name: 'costCode', value: '7' }] },
					},
					options: {},
				}),
			);
			expect(jc.findUser({ id: u._id })).toMatchObject({
				jobTitle: 'Lead',
				phoneNumbers: [
					expect.objectContaining({ number: '+34 611 111 111' }),
					expect.objectContaining({ number: '+49 40 123' }),
				],
			});
		});

		it('resolves Manager Email to the manager', async () => {
			const boss = person('boss');
			const u = person('report');
			await drivesSite('nodes/JumpCloud/shared/helpers.ts#resolveManager', () =>
				run({
					resource: 'user',
					operation: 'update',
					user: byId(u._id),
					updateFields: { managerEmail: 'driven.boss@example.com' },
					options: {},
				}),
			);
			expect(jc.findUser({ id: u._id })?.manager).toBe(boss._id);
		});

		it("resolves a mapped employee's manager by Factorial id", async () => {
			const boss = person('mboss', { employeeIdentifier: '907' });
			const u = person('mapped', { employeeIdentifier: '942' });
			await drivesSite('nodes/JumpCloud/shared/employeeInput.ts#resolveManagerByEmployeeId', () =>
				run({
					resource: 'user',
					operation: 'update',
					user: byId(u._id),
					mapFrom: 'factorialEmployee',
					employee: {
						id: 942,
						first_name: 'Driven',
						last_name: 'Mapped',
						full_name: 'Driven Mapped',
						work_email: 'driven.mapped@example.com',
						job_title: 'Lead',
						manager_id: 907,
						active: true,
					},
					updateFields: {},
					options: {},
				}),
			);
			expect(jc.findUser({ id: u._id })?.manager).toBe(boss._id);
		});
	});

	describe('User State', () => {
		it('Suspend writes the suspension with the sync mark', async () => {
			const u = person('susp');
			await drivesSite('nodes/JumpCloud/resources/userState/suspend.ts#execute', () =>
				run({ resource: 'userState', operation: 'suspend', user: byId(u._id) }),
			);
			expect(jc.findUser({ id: u._id })?.state).toBe('SUSPENDED');
		});

		it('Schedule suspends now when the date has passed', async () => {
			const u = person('late');
			await drivesSite('nodes/JumpCloud/resources/userState/schedule.ts#execute', () =>
				run({
					resource: 'userState',
					operation: 'schedule',
					user: byId(u._id),
					targetState: 'SUSPENDED',
					startDate: '2020-01-31T23:59:00',
					timezone: 'Europe/Madrid',
					suspendNowIfPassed: true,
				}),
			);
			expect(jc.findUser({ id: u._id })?.state).toBe('SUSPENDED');
		});

		it('Schedule creates one scheduled activation', async () => {
			const u = person('start', { state: 'STAGED', activated: false });
			await drivesSite('nodes/JumpCloud/shared/scheduleOnce.ts#scheduleStateOnce', () =>
				run({
					resource: 'userState',
					operation: 'schedule',
					user: byId(u._id),
					targetState: 'ACTIVATED',
					startDate: '2031-10-01T09:00:00',
					timezone: 'Europe/Berlin',
					sendActivationEmails: true,
					activationEmailOverride: 'driven.start.personal@example.org',
				}),
			);
			expect(jc.jobs().filter((j) => JSON.stringify(j).includes(u._id))).toHaveLength(1);
		});
	});

	describe('Directory Sync → Reconcile', () => {
		it('writes updates, suspensions and reactivations', async () => {
			const employee = (id: string, over: IDataObject = {}): IDataObject => ({
				id,
				first_name: `Rec${id}`,
				last_name: 'Garcia',
				full_name: `Rec${id} Garcia`,
				email: `rec${id}@example.com`,
				active: true,
				terminated_on: null,
				...over,
			});
			const linked = (id: string, over: IDataObject = {}) =>
				person(`rec${id}`, {
					username: `rec${id}.garcia`,
					email: `rec${id}@example.com`,
					firstname: `Rec${id}`,
					lastname: 'Garcia',
					displayname: `Rec${id} Garcia`,
					employeeIdentifier: id,
					...over,
				});
			const updated = linked('801');
			const leaver = linked('802');
			const back = linked('803', {
				state: 'SUSPENDED',
				activated: true,
				suspended: true,
				attributes: [{ name: SUSPENSION_MARK, value: '2026-01-31T22:59:00.000Z' }],
			});
			const employees = [
				employee('801', { last_name: 'Lopez', full_name: 'Rec801 Lopez' }),
				employee('802', { active: false, terminated_on: '2026-01-31' }),
				employee('803'),
			];
			const out: INodeExecutionData[] = await drivesSite(
				'nodes/JumpCloud/resources/directorySync/apply.ts#applyAction#2',
				() =>
					runReconcile(
						options({
							params: { attributesToSync: ['email', 'firstname', 'lastname', 'displayname'] },
							items: employees.map((json) => ({ json })),
						}),
					),
			);
			const actions = out.slice(0, -1).map((o) => [o.json.action, o.json.result]);
			expect(actions).toEqual(
				expect.arrayContaining([
					['update', 'done'],
					['suspend', 'done'],
					['reactivate', 'done'],
				]),
			);
			expect(jc.findUser({ id: updated._id })?.lastname).toBe('Lopez');
			expect(jc.findUser({ id: leaver._id })?.state).toBe('SUSPENDED');
			expect(jc.findUser({ id: back._id })?.state).toBe('ACTIVATED');
		});
	});

	describe('searches', () => {
		it('Generate Unique Username reads the names that could collide', async () => {
			person('un', { username: 'ana.driven' });
			const itemParams: IDataObject[] = [{ firstName: 'Ana', lastName: 'Driven' }];
			const ctx = createFakeContext(
				options({ params: usernameParams(), itemParams, items: [{ json: {} }] }),
			);
			const out = await drivesSite(
				'nodes/GenerateUniqueUsername/GenerateUniqueUsername.node.ts#existingUsernames',
				() => new GenerateUniqueUsername().execute.call(ctx.asExecute()),
			);
			expect(out[0][0].json.username).toBe('ana.driven1');
		});

		it('the user list of the From List mode searches with the typed text', async () => {
			person('listed');
			const ctx = createFakeContext(options({ params: { authentication: 'apiKey' } }));
			const page = await drivesSite('nodes/JumpCloud/listSearch.ts#searchUsers', () =>
				searchUsers.call(ctx.asLoadOptions(), 'driven.listed'),
			);
			expect(page.results.map((r) => r.name)).toEqual([
				'Driven listed (driven.listed@example.com)',
			]);
		});
	});
});
