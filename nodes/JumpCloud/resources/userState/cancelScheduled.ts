import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalid } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['userState'], operation: ['cancelScheduled'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Scheduled Job ID',
		name: 'scheduledJobId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 64f0c1e2a3b4c5d6e7f8a9b0',
		description:
			'The scheduledJobId returned by Schedule or Get Scheduled. A job may cover several users.',
		displayOptions: { show },
	},
	dryRunField(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const jobId = String(this.getNodeParameter('scheduledJobId', i)).trim();
	if (!jobId) throw invalid.call(this, i, 'Scheduled Job ID', 'is empty');
	// A job that is already gone (ran or cancelled) is the state we want: report it, do not fail.
	const response = (await jumpCloudApiRequest.call(
		this,
		'DELETE',
		`/v2/bulk/userstates/${encodeURIComponent(jobId)}`,
		undefined,
		undefined,
		{ itemIndex: i, allowStatuses: [404], returnFullResponse: true },
	)) as IDataObject;
	const notFound = response.statusCode === 404;
	return { scheduledJobId: jobId, cancelled: !notFound, wasNotScheduled: notFound };
}
