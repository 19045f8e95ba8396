import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { jumpCloudApiRequestAllItems } from '../JumpCloud/transport';
import {
	authenticationProperty,
	credentialsByAuthentication,
	OAUTH2_LABEL,
	USERNAME_FORMAT_OPTIONS,
} from '../shared/descriptions';
import type {
	CandidatePlan,
	Format,
	FormatPreset,
	PolicyField,
	PolicyOptions,
	Separator,
} from '../lib/policy';
import {
	DEFAULT_MAX_LENGTH,
	pickUsername,
	planUsername,
	UsernamePolicyError,
	usernameSearchBody,
	WINDOWS_MAX_LENGTH,
} from '../lib/policy';
import { toNodeError } from '../shared/errors';
import { invalidParameter, readCollection, readNumber, readText } from '../shared/params';

const FORMAT_OPTIONS = USERNAME_FORMAT_OPTIONS;
const FORMAT_CHOICES = [
	{ name: 'Custom', value: 'custom', description: 'Your own pattern, for example {f}{last}' },
	...USERNAME_FORMAT_OPTIONS,
];

/** Fields of the Options collection; n8n types the booleans and the separator (`validateType`). */
const OPTION_FIELDS: INodeProperties[] = [
	{
		displayName: 'Alternate Formats',
		name: 'alternateFormats',
		type: 'multiOptions',
		options: FORMAT_OPTIONS,
		default: [],
		description:
			'Formats tried, in the listed order, when the main one is taken, before a number is added',
	},
	{
		displayName: 'Expand German Umlauts',
		name: 'germanUmlauts',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description: 'Whether ä, ö and ü become ae, oe and ue (Müller → mueller) instead of a, o and u',
	},
	{
		displayName: 'Fallback Prefix',
		name: 'fallbackPrefix',
		type: 'string',
		default: 'u',
		description:
			'Letters put in front of a value that does not start with a letter (12345 → u12345)',
	},
	{
		displayName: 'Include Input Fields',
		name: 'includeInputFields',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description: 'Whether to keep the input item’s fields in the output next to the username',
	},
	{
		displayName: 'Keep Hyphens',
		name: 'keepHyphens',
		type: 'boolean',
		validateType: 'boolean',
		default: true,
		description: 'Whether hyphens inside names are kept (Mary-Ann → mary-ann) or dropped (maryann)',
	},
	{
		displayName: 'Lower Case',
		name: 'lowerCase',
		type: 'boolean',
		validateType: 'boolean',
		default: true,
		description: 'Whether the username is lower-cased. Uniqueness is always checked ignoring case.',
	},
	{
		displayName: 'Middle Name',
		name: 'middleName',
		type: 'string',
		default: '',
		description: 'Used by {middle} and {m} in a custom format',
	},
	{
		displayName: 'Preferred Name',
		name: 'preferredName',
		type: 'string',
		default: '',
		description: 'Used instead of the first name when not empty',
	},
	{
		displayName: 'Reserved Usernames',
		name: 'reservedUsernames',
		type: 'string',
		default: '',
		placeholder: 'e.g. support, helpdesk',
		description:
			'Usernames that must never be handed out, separated by commas, spaces or new lines, in addition to the built-in list (admin, root, administrator, guest, daemon, jumpcloud and the macOS, Linux and Windows system accounts). Lookalike letters (Cyrillic, full-width) count as the same name.',
	},
	{
		displayName: 'Separator',
		name: 'separator',
		type: 'options',
		options: [
			{ name: 'Dot (.)', value: '.' },
			{ name: 'Underscore (_)', value: '_' },
			{ name: 'Hyphen (-)', value: '-' },
			{ name: 'None', value: '' },
		],
		validateType: 'options',
		default: '.',
		description: 'Used by the first.last format and by {sep} in a custom format',
	},
];

/** UI names of the parameters a policy error can point at. */
const FIELD_LABELS: Record<PolicyField, string> = {
	firstName: 'First Name',
	lastName: 'Last Name',
	middleName: 'Middle Name',
	preferredName: 'Preferred Name',
	fallback: 'Fallback Value',
	template: 'Custom Format',
	maxLength: 'Maximum Length',
	fallbackPrefix: 'Fallback Prefix',
	username: 'Format',
};

function parseReserved(raw: string): string[] {
	return raw
		.split(/[\s,;]+/)
		.map((v) => v.trim().toLowerCase())
		.filter((v) => v !== '');
}

/** The Options collection (declared once: execute() reads it against this description). */
const OPTIONS: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: OPTION_FIELDS,
};

/** The Options collection, typed by n8n and nodes/shared/params.ts; Alternate Formats checked against the list. */
function readOptions(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = readCollection.call(this, [OPTIONS], 'options', itemIndex);
	const formats = FORMAT_OPTIONS.map((f) => f.value as unknown);
	// A multi-option list is not typed by n8n (its 'array' check would refuse a single text value).
	const badFormat = ((options.alternateFormats ?? []) as unknown[]).find(
		(f) => !formats.includes(f),
	);
	if (badFormat !== undefined)
		throw invalidParameter.call(
			this,
			'Alternate Formats',
			`${JSON.stringify(badFormat)} is not a format`,
			itemIndex,
		);
	return options;
}

/**
 * Every failure leaves as a node error: a policy failure names the item and the parameter to fix;
 * transport errors (already NodeApiError) pass through unchanged.
 */
function usernameNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof UsernamePolicyError) {
		const label = FIELD_LABELS[error.field];
		return new NodeOperationError(
			ctx.getNode(),
			`${error.message} (item ${itemIndex}, '${label}')`,
			{
				itemIndex,
				description: error.description,
			},
		);
	}
	return toNodeError(ctx.getNode(), error, itemIndex);
}

/**
 * Every existing JumpCloud username the plan could collide with. One POST /search/systemusers per item
 * (the regex covers the base, the alternates and all numbered variants); a second page is only fetched
 * when more than 100 users match, which needs over 100 people with the same name.
 */
async function existingUsernames(
	this: IExecuteFunctions,
	plan: CandidatePlan,
	itemIndex: number,
): Promise<string[]> {
	const users = await jumpCloudApiRequestAllItems.call(
		this,
		'POST',
		'/search/systemusers',
		usernameSearchBody(plan),
		{},
		undefined,
		{ itemIndex },
	);
	return users
		.map((u) => (typeof u.username === 'string' ? u.username.toLowerCase() : ''))
		.filter((u) => u !== '');
}

export class GenerateUniqueUsername implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Generate Unique Username',
		name: 'generateUniqueUsername',
		icon: { light: 'file:../../icons/username.svg', dark: 'file:../../icons/username.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["uniquenessCheck"] === "none" ? "No Check" : "Checked in JumpCloud" }}',
		description:
			'Turn a person’s name into a valid, unique JumpCloud username (transliteration, formats, collision numbering)',
		defaults: { name: 'Generate Unique Username' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// A root path ("/uniquenessCheck"), not the bare name: n8n's editor hides every parameter that the
		// authentication selector's displayOptions name, and Uniqueness Check must stay visible.
		credentials: credentialsByAuthentication('jumpCloudApi', 'jumpCloudOAuth2Api', {
			'/uniquenessCheck': ['jumpCloud'],
		}),
		properties: [
			{
				displayName: 'Uniqueness Check',
				name: 'uniquenessCheck',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'JumpCloud',
						value: 'jumpCloud',
						description:
							'One search per item against every JumpCloud user, suspended and staged ones too',
					},
					{
						name: 'No Check',
						value: 'none',
						description:
							'Offline: only names reserved in this run and the Reserved Usernames list are avoided',
					},
				],
				default: 'jumpCloud',
			},
			authenticationProperty(OAUTH2_LABEL.jumpCloud, { '/uniquenessCheck': ['jumpCloud'] }),
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. {{ $json.first_name }}',
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. {{ $json.last_name }}',
			},
			{
				displayName: 'Fallback Value',
				name: 'fallbackValue',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.email }}',
				description:
					'Used when the name yields nothing usable (empty, or written in a script such as Chinese or Arabic that has no transliteration table): an employee ID or an email (its local part is used)',
			},
			{
				displayName: 'Format',
				name: 'format',
				type: 'options',
				options: FORMAT_CHOICES,
				default: 'first.last',
				description: 'How the name parts are combined (examples for Ana García)',
			},
			{
				displayName: 'Custom Format',
				name: 'template',
				type: 'string',
				default: '{first}.{last}',
				placeholder: 'e.g. {f}{last} or {first}{sep}{m}{sep}{last}',
				description:
					'Placeholders: {first}, {last}, {middle}, {f}, {l}, {m} (initials) and {sep} (the separator). Other characters must be letters, digits, ".", "_" or "-". A collision number goes right after {last} or {l}, or at the end.',
				displayOptions: { show: { format: ['custom'] } },
			},
			{
				displayName: 'Maximum Length',
				name: 'lengthLimit',
				type: 'options',
				options: [
					{ name: 'Mac/Linux (30)', value: 'standard' },
					{ name: 'Windows-Compatible (20)', value: 'windows' },
					{ name: 'Custom', value: 'custom' },
				],
				default: 'standard',
				description:
					'JumpCloud recommends 20 characters or fewer when users log in to Windows devices',
			},
			{
				displayName: 'Custom Maximum Length',
				name: 'customMaxLength',
				type: 'number',
				validateType: 'number',
				typeOptions: { minValue: 3 },
				default: DEFAULT_MAX_LENGTH,
				displayOptions: { show: { lengthLimit: ['custom'] } },
			},
			OPTIONS,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		const uniquenessCheck = this.getNodeParameter('uniquenessCheck', 0) as string;
		// Names handed out earlier in this run: two hires of "Ana García" get ana.garcia and ana.garcia1.
		const reservedInRun = new Set<string>();

		for (let i = 0; i < items.length; i++) {
			try {
				const options = readOptions.call(this, i);
				const lengthLimit = readText.call(this, 'lengthLimit', 'Maximum Length', 'standard', i, [
					'standard',
					'windows',
					'custom',
				]);
				const maxLength =
					lengthLimit === 'windows'
						? WINDOWS_MAX_LENGTH
						: lengthLimit === 'custom'
							? readNumber.call(this, 'customMaxLength', DEFAULT_MAX_LENGTH, i)
							: DEFAULT_MAX_LENGTH;
				const format = readText.call(this, 'format', 'Format', 'first.last', i, [
					...FORMAT_OPTIONS.map((f) => f.value),
					'custom',
				]) as Format;
				const policy: Partial<PolicyOptions> = {
					format,
					template:
						format === 'custom'
							? readText.call(this, 'template', 'Custom Format', '', i)
							: undefined,
					maxLength,
					separator: (options.separator ?? '.') as Separator,
					lowerCase: options.lowerCase !== false,
					keepHyphens: options.keepHyphens !== false,
					germanUmlauts: options.germanUmlauts === true,
					alternateFormats: (options.alternateFormats ?? []) as FormatPreset[],
					fallbackPrefix: String(options.fallbackPrefix ?? 'u'),
					reservedUsernames: parseReserved(String(options.reservedUsernames ?? '')),
				};
				const input = {
					first: readText.call(this, 'firstName', 'First Name', '', i),
					last: readText.call(this, 'lastName', 'Last Name', '', i),
					middle: String(options.middleName ?? ''),
					preferred: String(options.preferredName ?? ''),
					fallback: readText.call(this, 'fallbackValue', 'Fallback Value', '', i),
				};

				const taken = new Set<string>([
					...reservedInRun,
					...parseReserved(String(options.reservedUsernames ?? '')),
				]);
				const plan = planUsername(input, policy);
				if (uniquenessCheck === 'jumpCloud') {
					for (const name of await existingUsernames.call(this, plan, i)) taken.add(name);
				}
				const result = pickUsername(plan, taken);
				reservedInRun.add(result.username.toLowerCase());

				const json: IDataObject = {
					...(options.includeInputFields === true ? items[i].json : {}),
					username: result.username,
					base: result.base,
					collisionsSkipped: result.collisionsSkipped,
					source: result.source,
					notes: result.notes,
					uniquenessCheck,
				};
				returnData.push({ json, pairedItem: { item: i } });
			} catch (error) {
				const nodeError = usernameNodeError(this, error, i);
				if (this.continueOnFail()) {
					returnData.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
					continue;
				}
				throw nodeError;
			}
		}
		return [returnData];
	}
}
