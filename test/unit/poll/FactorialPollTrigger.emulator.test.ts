/**
 * The poll trigger against the Factorial emulator (real HTTP, cursor pagination over several pages,
 * the emulator's own updated_at_gteq semantics): what it costs and what it reports.
 */
import type { IDataObject } from 'n8n-workflow';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import { FactorialPollTrigger } from '../../../nodes/Factorial/FactorialPollTrigger.node';
import { startFactorialEmulator, type FactorialEmulator } from '../../emulators/factorial';
import { createFakeContext } from '../../helpers/executeFunctions';

const EMPLOYEES = 250;

let emulator: FactorialEmulator;

beforeAll(async () => {
	emulator = await startFactorialEmulator({ employees: EMPLOYEES });
});
afterAll(async () => await emulator.close());

async function poll(staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
	const ctx = createFakeContext({
		params: { authentication: 'apiKey', options: {} },
		credentials: {
			factorialApi: { environment: 'custom', customUrl: emulator.baseUrl, apiKey: emulator.apiKey },
		},
		credentialTypes: [new FactorialApi()],
		staticData,
		mode,
	});
	const result = await new FactorialPollTrigger().poll.call(ctx.asPoll());
	return { items: (result?.[0] ?? []).map((item) => item.json), requests: ctx.requests };
}

function employeeIds(): string[] {
	return [...emulator.state.employees.byId.keys()];
}

describe('FactorialPollTrigger against the Factorial emulator', () => {
	const staticData: IDataObject = {};

	it('baseline: one request per 100 employees plus the teams, nothing emitted', async () => {
		const { items, requests } = await poll(staticData);

		expect(items).toEqual([]);
		const employeePages = requests.filter((r) => r.url.endsWith('/employees/employees'));
		const teamPages = requests.filter((r) => r.url.endsWith('/teams/teams'));
		expect(employeePages).toHaveLength(Math.ceil(EMPLOYEES / 100));
		expect(teamPages).toHaveLength(1);
		expect(Object.keys(staticData.employees as IDataObject)).toHaveLength(
			emulator.state.employees.byId.size,
		);
	});

	it('next poll: reports a rename and a future termination, not a phone change', async () => {
		const [renamed, leaver, phoned] = employeeIds().filter(
			(id) => emulator.getEmployee(id)?.terminated_on === null,
		);
		emulator.updateEmployee(renamed, { first_name: 'Renamed' }, { emit: false });
		emulator.updateEmployee(phoned, { phone_number: '+34 600 000 000' }, { emit: false });
		emulator.terminateEmployee(leaver, '2099-06-30');

		const { items, requests } = await poll(staticData);

		const employeeRequest = requests.find((r) => r.url.endsWith('/employees/employees'));
		expect(employeeRequest?.qs).toHaveProperty('updated_at_gteq');
		const byEmployee = Object.fromEntries(items.map((item) => [item.employeeId as string, item]));
		expect(Object.keys(byEmployee).sort()).toEqual([leaver, renamed].sort());
		expect(byEmployee[renamed]).toMatchObject({
			event: 'employee.updated',
			changes: { firstName: { new: 'Renamed' } },
		});
		expect(byEmployee[leaver]).toMatchObject({
			event: 'employee.terminated',
			employee: { terminatedOn: '2099-06-30' },
		});
	});

	it('reports a team move as membership events for that employee only', async () => {
		const mover = employeeIds().find((id) => emulator.state.teamOf(id) !== undefined) as string;
		const from = emulator.state.teamOf(mover) as string;
		const to = [...emulator.state.teams.byId.keys()].find((id) => id !== from) as string;
		emulator.updateEmployee(mover, { team_id: to }, { emit: false });

		const { items } = await poll(staticData);

		const memberships = items.filter((item) => String(item.event).startsWith('team_membership.'));
		expect(
			memberships.map((item) => [item.event, item.employeeId, (item.raw as IDataObject).team_id]),
		).toEqual([
			['team_membership.created', mover, to],
			['team_membership.deleted', mover, from],
		]);
	});

	it('a poll with no change emits nothing', async () => {
		const { items } = await poll(staticData);
		expect(items).toEqual([]);
	});
});
