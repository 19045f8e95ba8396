/**
 * Employee → Write Back Directory Identity (issue 25) against the Factorial emulator, which enforces the
 * published contract (test/contracts/factorial.json: custom_fields.fields.list/create,
 * custom_field_values.list/create/update) for the credential's API version.
 */
import type { IDataObject } from 'n8n-workflow';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import { Factorial } from '../../../nodes/Factorial/Factorial.node';
import { startFactorialEmulator, type FactorialEmulator } from '../../emulators/factorial';
import { createFakeContext } from '../../helpers/executeFunctions';

let emulator: FactorialEmulator;

// A fresh company per test (the contract is enforced by default: strict).
beforeEach(async () => {
	emulator = await startFactorialEmulator({ employees: 4 });
});
afterEach(async () => await emulator.close());

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

async function writeBack(params: IDataObject, apiVersion = '2026-10-01') {
	const ctx = createFakeContext({
		params: {
			authentication: 'apiKey',
			resource: 'employee',
			operation: 'writeBackIdentity',
			createFieldIfMissing: false,
			...params,
		},
		credentials: {
			factorialApi: {
				environment: 'custom',
				customUrl: emulator.baseUrl,
				apiKey: emulator.apiKey,
				apiVersion,
			},
		},
		credentialTypes: [new FactorialApi()],
		nodeType: new Factorial(),
	});
	const [output] = await new Factorial().execute.call(ctx.asExecute());
	return {
		json: output[0].json,
		pairedItem: output[0].pairedItem,
		requests: ctx.requests.length,
		writes: ctx.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`),
	};
}

const employeeId = () => [...emulator.state.employees.byId.keys()][0];
const valuesOf = (id: string) =>
	[...emulator.state.customFieldValues.byId.values()]
		.filter((v) => v.valuable_id === id && v.valuable_type === 'Employee')
		.map((v) => ({
			label: emulator.state.customFields.get(v.field_id)?.label_text,
			value: v.value,
		}))
		.sort((a, b) => String(a.label).localeCompare(String(b.label)));

describe('Factorial node: Employee → Write Back Directory Identity', () => {
	it('writes the username and email into the fields named by label, then writes nothing while they are equal', async () => {
		emulator.addCustomField({ label: 'JumpCloud Username' });
		emulator.addCustomField({ label: 'JumpCloud Email' });
		const id = employeeId();
		const params = {
			employee: rl(id),
			username: 'ana.garcia1',
			usernameField: byName('jumpcloud username'),
			email: 'ana.garcia@example.com',
			emailField: byName('JumpCloud Email'),
		};

		const first = await writeBack(params);
		expect(first.json).toMatchObject({ employee_id: id, written: 2 });
		expect(first.pairedItem).toEqual({ item: 0 });
		expect(valuesOf(id)).toEqual([
			{ label: 'JumpCloud Email', value: 'ana.garcia@example.com' },
			{ label: 'JumpCloud Username', value: 'ana.garcia1' },
		]);

		const second = await writeBack(params);
		expect(second.json).toMatchObject({ written: 0 });
		expect(second.writes).toEqual([]);

		// A changed username updates the existing value record; no second record appears.
		const third = await writeBack({ ...params, username: 'ana.garcia2' });
		expect(third.json).toMatchObject({ written: 1 });
		expect(third.writes).toEqual([expect.stringMatching(/^PUT .*\/custom_fields\/values\/\d+$/)]);
		expect(valuesOf(id)).toEqual([
			{ label: 'JumpCloud Email', value: 'ana.garcia@example.com' },
			{ label: 'JumpCloud Username', value: 'ana.garcia2' },
		]);
		expect(emulator.contractViolations()).toEqual([]);
	});

	it('with no field named it sends nothing at all (write-back off)', async () => {
		const out = await writeBack({
			employee: rl(employeeId()),
			username: 'ana.garcia1',
			usernameField: { __rl: true, mode: 'list', value: '' },
			email: 'ana@example.com',
			emailField: byName(''),
		});
		expect(out.json).toEqual({ employee_id: employeeId(), written: 0, fields: [] });
		expect(out.requests).toBe(0);
		expect(emulator.state.customFieldValues.byId.size).toBe(0);
	});

	it('a missing field stops with an error and writes nothing unless Create Field If Missing is on', async () => {
		emulator.addCustomField({ label: 'JumpCloud Username' });
		const id = employeeId();
		const params = {
			employee: rl(id),
			username: 'ana.garcia1',
			usernameField: byName('JumpCloud Username'),
			email: 'ana.garcia@example.com',
			emailField: byName('Directory Email'),
		};
		await expect(writeBack(params)).rejects.toThrow(
			'No Factorial custom field is named "Directory Email" [item 0]',
		);
		expect(emulator.state.customFields.byId.size).toBe(1);
		expect(emulator.state.customFieldValues.byId.size).toBe(0);

		const out = await writeBack({ ...params, createFieldIfMissing: true });
		expect(out.json).toMatchObject({ written: 2 });
		const created = [...emulator.state.customFields.byId.values()].find(
			(f) => f.label_text === 'Directory Email',
		);
		expect(created).toMatchObject({ field_type: 'text' });
		expect(out.json.fields).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					attribute: 'email',
					field_id: created?.id,
					field_created: true,
					action: 'created',
				}),
			]),
		);
		// The field exists now: the next run finds it and writes nothing.
		const again = await writeBack({ ...params, createFieldIfMissing: true });
		expect(again.writes).toEqual([]);
		expect(emulator.state.customFields.byId.size).toBe(2);
		expect(emulator.contractViolations()).toEqual([]);
	});

	it('creates the field and the values with integer ids on API version 2026-04-01, as its models type them', async () => {
		const id = employeeId();
		const out = await writeBack(
			{
				employee: rl(id),
				username: 'ana.garcia1',
				usernameField: byName('JumpCloud Username'),
				createFieldIfMissing: true,
			},
			'2026-04-01',
		);
		expect(out.json).toMatchObject({ written: 1 });
		expect(valuesOf(id)).toEqual([{ label: 'JumpCloud Username', value: 'ana.garcia1' }]);
		expect(emulator.contractViolations()).toEqual([]);
	});

	it('refuses a field ID that does not exist (never creates it) and a label two fields share', async () => {
		const params = { employee: rl(employeeId()), username: 'ana.garcia1' };
		await expect(
			writeBack({ ...params, usernameField: byName('987'), createFieldIfMissing: true }),
		).rejects.toThrow('No Factorial custom field is named "987" [item 0]');
		emulator.addCustomField({ label: 'Login', slug: 'login_es' });
		emulator.addCustomField({ label: 'Login', slug: 'login_fr' });
		await expect(writeBack({ ...params, usernameField: byName('Login') })).rejects.toThrow(
			/"Login" names 2 different Factorial custom fields/,
		);
		// By identifier it is unambiguous.
		const out = await writeBack({ ...params, usernameField: byName('login_fr') });
		expect(out.json).toMatchObject({ written: 1 });
		expect(emulator.state.customFields.byId.size).toBe(2);
	});

	it('the emulator refuses a field create body the published model does not have (label_text)', async () => {
		// The emulator refuses label_text (not in the published create body).
		const response = await fetch(
			`${emulator.baseUrl}/api/2026-10-01/resources/custom_fields/fields`,
			{
				method: 'POST',
				headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({
					company_id: String(emulator.state.company.id),
					field_type: 'text',
					label_text: 'X',
				}),
			},
		);
		expect(response.status).toBe(422);
		expect(emulator.state.customFields.byId.size).toBe(0);
	});
});
