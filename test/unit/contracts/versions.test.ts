/**
 * Contracts keyed by Factorial API version (issue 24): each offered version is checked against its own
 * published models, the transport sends what that version accepts, and a withdrawn version fails before
 * any request.
 */
import nock from 'nock';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import {
	FACTORIAL_API_VERSIONS,
	WITHDRAWN_FACTORIAL_API_VERSIONS,
} from '../../../nodes/Factorial/constants';
import { factorialApiRequest } from '../../../nodes/Factorial/transport';
import { checkRequest, factorialVersions } from '../../contracts';
import { takeNockViolations } from '../../contracts/nock';
import { factorialContext } from '../contexts';

const BASE = 'https://factorial.test';

describe('Factorial contract per API version', () => {
	it('has rules for exactly the versions the credential offers', () => {
		expect(Object.keys(factorialVersions).sort()).toEqual([...FACTORIAL_API_VERSIONS].sort());
		const offered = (new FactorialApi().properties.find((p) => p.name === 'apiVersion')?.options ??
			[]) as Array<{ value: string }>;
		expect(offered.map((o) => o.value).sort()).toEqual([...FACTORIAL_API_VERSIONS].sort());
	});

	it('offers no version past Factorial’s one year of support, nor one without published models', () => {
		for (const withdrawn of ['2025-10-01', '2026-01-01'])
			expect(FACTORIAL_API_VERSIONS as readonly string[]).not.toContain(withdrawn);
		// Each offered version is less than a year old on the date of this review (Factorial: one year).
		const reviewed = new Date('2026-12-07');
		for (const v of FACTORIAL_API_VERSIONS) {
			const end = new Date(v);
			end.setUTCFullYear(end.getUTCFullYear() + 1);
			expect({ v, supported: end > reviewed }).toEqual({ v, supported: true });
		}
	});

	it('holds a request to the rules of the version in its path', () => {
		const terminate = (version: string, id: unknown) =>
			checkRequest('factorial', {
				method: 'POST',
				path: `/api/${version}/resources/employees/employees/terminate`,
				body: { id, terminated_on: '2026-12-31' },
			}).violations;
		expect(terminate('2026-04-01', 7)).toEqual([]);
		expect(terminate('2026-04-01', '7')).toEqual([expect.stringMatching(/body\.id.*integer/)]);
		expect(terminate('2026-10-01', '7')).toEqual([]);
		expect(terminate('2026-10-01', 7)).toEqual([expect.stringMatching(/body\.id.*string/)]);
		expect(terminate('2025-10-01', 7)).toEqual([
			expect.stringContaining('API version 2025-10-01 has no contract'),
		]);
	});
});

describe('the transport sends what the chosen version accepts', () => {
	afterEach(() => nock.cleanAll());

	it('2026-04-01: ids in bodies go as integers (the models type them int)', async () => {
		let sent: unknown;
		nock(BASE)
			.post('/api/2026-04-01/resources/employees/employees/terminate', (b) => {
				sent = b;
				return true;
			})
			.reply(200, { id: 7 });
		const exec = factorialContext({ apiVersion: '2026-04-01' }).asExecute();
		await factorialApiRequest.call(exec, 'POST', 'employees/employees/terminate', {
			id: '7',
			terminated_on: '2026-12-31',
			termination_assigned_manager_id: '3',
			termination_reason: '12',
		});
		expect(sent).toEqual({
			id: 7,
			terminated_on: '2026-12-31',
			termination_assigned_manager_id: 3,
			termination_reason: '12',
		});
		expect(takeNockViolations()).toEqual([]);
	});

	it.each(Object.keys(WITHDRAWN_FACTORIAL_API_VERSIONS))(
		'a saved credential naming %s fails clearly before any request',
		async (version) => {
			const scope = nock(BASE).get(/.*/).reply(200, {});
			const exec = factorialContext({ apiVersion: version }).asExecute();
			await expect(factorialApiRequest.call(exec, 'GET', 'teams/teams/5')).rejects.toThrow(
				`API Version ${version} is no longer offered`,
			);
			expect(scope.isDone()).toBe(false);
		},
	);
});
