/**
 * JumpCloud searches in a real n8n, against a JumpCloud stand-in that pages POST /search/* from the body
 * (as JumpCloud's SDK and PowerShell module send it; no body limit = a page of 10) and then from the query
 * (the 2024 spec). Where the live server reads it is not settled (test/contracts/jumpcloud.json), so both
 * must give complete answers: Get Many returns every user, Generate Unique Username never a taken name.
 * Every request n8n sent is also held to the published contract.
 */
import { join } from 'node:path';

import type { SearchPaging } from '../emulators/jumpcloud';
import { hostFromEnv, PACKAGE_NAME, packageTarballFromEnv } from './lib/host';
import {
	credentialsFor,
	startEmulators,
	TEMPLATE_CREDENTIALS,
	type Emulators,
} from './lib/fixtures';
import { N8n, outputOf } from './lib/n8n';

const host = hostFromEnv();
const PEOPLE = 250;
const jumpCloudCredential = {
	jumpCloudApi: {
		id: TEMPLATE_CREDENTIALS.jumpCloud.id,
		name: TEMPLATE_CREDENTIALS.jumpCloud.name,
	},
};

describe(`n8n ${host.version}: JumpCloud searches read every page`, () => {
	let emulators: Emulators;
	let n8n: N8n;

	beforeAll(async () => {
		emulators = await startEmulators({ employees: 5 }, { searchPaging: 'body' });
		emulators.jumpCloud.insertUsers([
			...Array.from({ length: PEOPLE }, (_, n) => ({
				username: `person${String(n).padStart(3, '0')}`,
				email: `person${n}@example.com`,
				state: 'ACTIVATED',
			})),
			{ username: 'john.smith', email: 'john.smith@example.com', state: 'ACTIVATED' },
			...Array.from({ length: 14 }, (_, n) => ({
				username: `john.smith${n + 1}`,
				email: `john.smith${n + 1}@example.com`,
				state: 'ACTIVATED',
			})),
		]);
		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials(credentialsFor(emulators));
		await n8n.importWorkflows([
			{
				id: 'fjSearchPaging01',
				name: 'JumpCloud searches',
				nodes: [
					{
						id: 'p1',
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'p2',
						name: 'Users',
						type: `${PACKAGE_NAME}.jumpCloud`,
						typeVersion: 1,
						position: [220, -100],
						parameters: {
							resource: 'user',
							operation: 'getAll',
							returnAll: true,
							filters: {},
							options: {},
						},
						credentials: jumpCloudCredential,
					},
					{
						id: 'p3',
						name: 'Username',
						type: `${PACKAGE_NAME}.generateUniqueUsername`,
						typeVersion: 1,
						position: [220, 100],
						parameters: {
							uniquenessCheck: 'jumpCloud',
							firstName: 'John',
							lastName: 'Smith',
							format: 'first.last',
						},
						credentials: jumpCloudCredential,
					},
				],
				connections: {
					Start: {
						main: [
							[
								{ node: 'Users', type: 'main', index: 0 },
								{ node: 'Username', type: 'main', index: 0 },
							],
						],
					},
				},
				settings: {},
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	it.each(['body', 'query'] as SearchPaging[])(
		'paged from the %s: Get Many returns all 250 of 250, the username is not taken',
		async (mode) => {
			emulators.jumpCloud.setSearchPaging(mode);
			const runData = await n8n.executeOk('fjSearchPaging01');
			const people = outputOf(runData, 'Users').filter((u) =>
				String(u.username).startsWith('person'),
			);
			expect(new Set(people.map((u) => u.username)).size).toBe(PEOPLE);
			expect(outputOf(runData, 'Username')).toEqual([
				expect.objectContaining({ username: 'john.smith15' }),
			]);
			expect(emulators.jumpCloud.contractViolations()).toEqual([]);
		},
	);
});
