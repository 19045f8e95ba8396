/**
 * The Joiner template with its webhook trigger swapped for the Factorial Poll Trigger (same output items),
 * active under `n8n start`: a new hire found by polling is provisioned once, and later polls change nothing.
 */
import { join } from 'node:path';
import { DateTime } from 'luxon';

import { PACKAGE_NAME, fastestPolling, hostFromEnv, packageTarballFromEnv } from './lib/host';
import {
	TEMPLATE_CREDENTIALS,
	credentialsFor,
	loadTemplate,
	nodeOf,
	startEmulators,
	usersBesideLivedIn,
	variant,
	type Emulators,
} from './lib/fixtures';
import { N8n, sleep, waitFor } from './lib/n8n';

const host = hostFromEnv();
const polling = fastestPolling(host);
// A poll-driven test waits for polls: minutes on hosts that poll at most once a minute.
jest.setTimeout(Math.max(240_000, 3 * polling.everyMs + 120_000));
const WORKFLOW_ID = 'fjTplJoinerPoll1';

describe(`n8n ${host.version}: Joiner template on the Factorial Poll Trigger`, () => {
	let emulators: Emulators;
	let n8n: N8n;

	beforeAll(async () => {
		emulators = await startEmulators({ employees: 20 });
		const teams = [...emulators.factorial.state.teams.byId.values()].map((t) => t.name);
		emulators.jumpCloud.reset({ groups: teams });
		const workflow = variant(loadTemplate('joiner'), WORKFLOW_ID, 'Joiner (polling)');
		const trigger = nodeOf(workflow, 'Factorial Trigger');
		// Same node name, so the template's connections and expressions stay as they are.
		Object.assign(trigger, {
			type: `${PACKAGE_NAME}.factorialPollTrigger`,
			typeVersion: 1,
			credentials: { factorialApi: TEMPLATE_CREDENTIALS.factorial },
			parameters: {
				authentication: 'apiKey',
				events: ['employee.created'],
				options: {},
				pollTimes: polling.pollTimes,
			},
		});
		delete trigger.webhookId;
		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials(credentialsFor(emulators));
		await n8n.importWorkflows([workflow]);
		await n8n.activate([WORKFLOW_ID]);
		// Activation polls once: that first poll records the existing employees without emitting them
		// (on 2.41 after the editor is up; start() waits for the publication).
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	it('provisions a hire found by polling once: staged user, team group, 09:00 local activation', async () => {
		const team = [...emulators.factorial.state.teams.byId.values()][0];
		const location = [...emulators.factorial.state.locations.byId.values()].find(
			(l) => l.timezone === 'Asia/Kolkata',
		)!;
		const start = DateTime.utc().plus({ days: 7 }).toISODate() as string;
		const employee = emulators.factorial.createEmployee({
			first_name: 'Priya',
			last_name: 'Raman',
			email: 'priya.raman@e2e.example',
			location_id: location.id,
			team_id: team.id,
			job_title: 'Analyst',
			contract_starts_on: start,
		});
		const id = String(employee.id);
		const user = await waitFor(
			() => emulators.jumpCloud.findUser({ employeeIdentifier: id }),
			'the polled hire in JumpCloud',
			polling.everyMs + 60_000,
		);
		await waitFor(
			() => emulators.jumpCloud.groupsOf(user._id).length > 0,
			'the team group',
			30_000,
		);
		expect(user).toMatchObject({
			username: 'priya.raman',
			state: 'STAGED',
			jobTitle: 'Analyst',
			department: team.name,
		});
		expect(emulators.jumpCloud.groupsOf(user._id)).toEqual([team.name]);
		const job = await waitFor(
			() => emulators.jumpCloud.jobs().find((j) => j.userIds.includes(user._id)),
			'the activation job',
		);
		expect(Date.parse(job.startDate)).toBe(
			DateTime.fromISO(`${start}T09:00:00`, { zone: 'Asia/Kolkata' }).toMillis(),
		);
		// None of the employees that existed before activation was provisioned (the lived-in directory untouched).
		expect(usersBesideLivedIn(emulators.jumpCloud)).toHaveLength(1);

		// At least one more poll (two at 5 s): the hire is known now, nothing runs again.
		await sleep(polling.everyMs + 6_000);
		expect(usersBesideLivedIn(emulators.jumpCloud)).toHaveLength(1);
		expect(emulators.jumpCloud.jobs().filter((j) => j.userIds.includes(user._id))).toHaveLength(1);
	});
});
