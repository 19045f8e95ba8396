import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { EnrichmentIndex } from '../../lib/employee';
import { buildEnrichmentIndex } from '../../lib/employee';
import { factorialApiRequest, factorialApiRequestAllItems } from '../transport';

// Per-execution caches: one execute() call shares one context object across all items.
const companyIds = new WeakMap<object, Promise<string>>();
const enrichmentIndexes = new WeakMap<object, Promise<EnrichmentIndex>>();

/** The credential's company ID (from api_public/credentials), fetched once per execution. */
export async function getCompanyId(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	let pending = companyIds.get(this);
	if (!pending) {
		pending = (async () => {
			const response = await factorialApiRequest.call(
				this,
				'GET',
				'api_public/credentials',
				undefined,
				undefined,
				{
					itemIndex,
				},
			);
			const list = Array.isArray(response.data) ? (response.data as IDataObject[]) : [response];
			const companyId = list.find(
				(entry) => entry.company_id !== undefined && entry.company_id !== null,
			)?.company_id;
			if (companyId === undefined || companyId === null) {
				throw new NodeOperationError(
					this.getNode(),
					'Factorial did not say which company this credential belongs to',
					{
						itemIndex,
						description:
							'The api_public/credentials answer had no company_id. Check the credential in Factorial.',
					},
				);
			}
			return String(companyId);
		})();
		companyIds.set(this, pending);
		pending.catch(() => companyIds.delete(this));
	}
	return await pending;
}

/**
 * Contract versions, teams and memberships listed ONCE per execution and indexed by employee id,
 * so enriching N employees costs three list calls, not N.
 */
export async function getEnrichmentIndex(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<EnrichmentIndex> {
	let pending = enrichmentIndexes.get(this);
	if (!pending) {
		pending = (async () => {
			const options = { itemIndex };
			const [contractVersions, teams, memberships] = await Promise.all([
				factorialApiRequestAllItems.call(
					this,
					'GET',
					'contracts/contract_versions',
					{},
					undefined,
					options,
				),
				factorialApiRequestAllItems.call(this, 'GET', 'teams/teams', {}, undefined, options),
				factorialApiRequestAllItems.call(this, 'GET', 'teams/memberships', {}, undefined, options),
			]);
			// "Current" contract means current in the workflow's time zone, not the server's.
			const today =
				DateTime.now().setZone(this.getTimezone()).toISODate() ?? DateTime.utc().toISODate();
			return buildEnrichmentIndex(contractVersions, teams, memberships, String(today));
		})();
		enrichmentIndexes.set(this, pending);
		pending.catch(() => enrichmentIndexes.delete(this));
	}
	return await pending;
}
