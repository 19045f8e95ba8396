import type { INodeProperties } from 'n8n-workflow';

import { ADDRESS_TYPES, PHONE_TYPES } from '../mapping';

const titleCase = (v: string) =>
	v
		.split('_')
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

/**
 * A required resource locator whose first mode is From List (searched by `searchListMethod`), then a
 * text mode per [displayName, name, placeholder].
 */
function locator(
	displayName: string,
	name: string,
	searchListMethod: string,
	modes: Array<[string, string, string]>,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			...modes.map(([displayName, name, placeholder]) => ({
				displayName,
				name,
				type: 'string' as const,
				placeholder,
			})),
		],
	};
}

/** Resource locator for one user: From List, By ID, By Username, By Email, By Employee Identifier. */
export function userLocator(displayName: string, name = 'user'): INodeProperties {
	return locator(displayName, name, 'searchUsers', [
		['By ID', 'id', 'e.g. 6026bec6b8207255280d5981'],
		['By Username', 'username', 'e.g. jdoe'],
		['By Email', 'email', 'e.g. jane.doe@example.com'],
		['By Employee Identifier', 'employeeIdentifier', 'e.g. E12345'],
	]);
}

/** Resource locator for one user group: From List, By ID, By Name. */
export function groupLocator(displayName: string, name = 'group'): INodeProperties {
	return locator(displayName, name, 'searchGroups', [
		['By ID', 'id', 'e.g. 6026da081f24755306c2ee0d'],
		['By Name', 'name', 'e.g. Engineering'],
	]);
}

/** The Options collection of an operation shown for `show`. */
export function optionsCollection(
	show: Record<string, string[]>,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options,
	};
}

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	validateType: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

const stringField = (
	displayName: string,
	name: string,
	placeholder: string,
	description?: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	...(description ? { description } : {}),
});

/** A list the user can add several entries to (Addresses, Custom Attributes, Phone Numbers). */
const repeatedFields = (
	displayName: string,
	name: string,
	description: string,
	entry: { displayName: string; name: string; values: INodeProperties[] },
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: `Add ${entry.displayName}`,
	description,
	options: [entry],
});

/** The Type of an address or phone number entry. */
const typeField = (types: readonly string[], defaultType: string): INodeProperties => ({
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: types.map((t) => ({ name: titleCase(t), value: t })),
	default: defaultType,
});

/** Optional user fields shared by Create, Create or Update and Update (sorted by display name). */
export function userFieldOptions(includeIdentity: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		repeatedFields(
			'Addresses',
			'addresses',
			'On update, an address replaces the existing address of the same type; others are kept',
			{
				displayName: 'Address',
				name: 'address',
				values: [
					typeField(ADDRESS_TYPES, 'work'),
					stringField('Street Address', 'streetAddress', 'e.g. Hauptstr. 1'),
					stringField('Extended Address', 'extendedAddress', 'e.g. Floor 3'),
					stringField('PO Box', 'poBox', 'e.g. 1234'),
					stringField('City', 'locality', 'e.g. Berlin'),
					stringField('Region', 'region', 'e.g. BE'),
					stringField('Postal Code', 'postalCode', 'e.g. 10115'),
					stringField('Country', 'country', 'e.g. DE'),
				],
			},
		),
		stringField(
			'Alternate Email',
			'alternateEmail',
			'e.g. jane.personal@example.org',
			'Where JumpCloud sends the activation email of a user without a password',
		),
		stringField('Company', 'company', 'e.g. Acme GmbH'),
		stringField('Cost Center', 'costCenter', 'e.g. CC-100'),
		repeatedFields(
			'Custom Attributes',
			'attributes',
			'Names are 1 to 31 letters or digits. On update, attributes are merged by name; an empty value removes the attribute.',
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					stringField('Name', 'name', 'e.g. hrisId'),
					stringField('Value', 'value', 'e.g. 12345'),
				],
			},
		),
		stringField('Department', 'department', 'e.g. R&D'),
		stringField('Description', 'description', 'e.g. Joined via Factorial'),
		stringField('Display Name', 'displayName', 'e.g. Jane Doe'),
		stringField(
			'Employee Identifier',
			'employeeIdentifier',
			'e.g. E12345',
			'Unique per user, at most 256 characters (e.g. the HR system ID)',
		),
		stringField('Employee Type', 'employeeType', 'e.g. Full-time'),
		stringField('First Name', 'firstName', 'e.g. Jane'),
		stringField('Job Title', 'jobTitle', 'e.g. Software Engineer'),
		stringField('Last Name', 'lastName', 'e.g. Doe'),
		stringField('Location', 'location', 'e.g. Berlin'),
		stringField(
			'Manager Email',
			'managerEmail',
			'e.g. boss@example.com',
			"Email of the manager; resolved to the manager's JumpCloud user ID",
		),
		stringField(
			'Manager ID',
			'managerId',
			'e.g. 5f1c0c1e2a3b4c5d6e7f8a9b',
			'JumpCloud user ID of the manager',
		),
		stringField('Middle Name', 'middleName', 'e.g. Marie'),
		repeatedFields(
			'Phone Numbers',
			'phoneNumbers',
			'On update, a number replaces the existing number of the same type; others are kept',
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				values: [
					typeField(PHONE_TYPES, 'mobile'),
					stringField('Number', 'number', 'e.g. +49 170 0000000'),
				],
			},
		),
	];
	if (includeIdentity) {
		fields.push(
			stringField(
				'Email',
				'email',
				'e.g. jane.doe@example.com',
				'New primary email (unique in JumpCloud)',
			),
			stringField(
				'Username',
				'username',
				'e.g. jdoe',
				'New username; changing it affects device logins',
			),
		);
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export const onUsernameConflictOption: INodeProperties = {
	displayName: 'On Username Conflict',
	name: 'onUsernameConflict',
	type: 'options',
	options: [
		{
			name: 'Fail',
			value: 'fail',
			description: 'Stop with an error naming the user that holds the username',
		},
		{
			name: 'Append Next Number',
			value: 'appendNumber',
			description:
				'Use jdoe1, jdoe2, … like Generate Unique Username (a name ending in a number continues from it: jdoe1 → jdoe2); the first free one, retried if another run takes it first',
		},
	],
	default: 'fail',
	description: 'What to do when another JumpCloud user already has the username',
};

/**
 * Email, Username, Initial State, username-conflict handling and Additional Fields of an operation that
 * creates users (Create, Create or Update); only the descriptions differ.
 */
export function newUserFields(
	show: Record<string, string[]>,
	text: { email: string; username: string; state?: string },
	/** With Map From (Create or Update): the email then comes from the Factorial employee. */
	mappable = false,
): INodeProperties[] {
	const identity = (
		displayName: string,
		name: string,
		placeholder: string,
		description: string,
	): INodeProperties => ({
		displayName,
		name,
		type: 'string',
		placeholder,
		default: '',
		required: true,
		description,
		displayOptions: { show },
	});
	return [
		{
			...identity('Email', 'email', 'e.g. jane.doe@example.com', text.email),
			...(mappable ? { displayOptions: { show: { ...show, mapFrom: ['fields'] } } } : {}),
		},
		identity('Username', 'username', 'e.g. jdoe', text.username),
		{
			...initialStateOption,
			...(text.state ? { description: text.state } : {}),
			displayOptions: { show },
		},
		{ ...onUsernameConflictOption, displayOptions: { show } },
		{
			...usernameMaxLengthOption,
			displayOptions: { show: { ...show, onUsernameConflict: ['appendNumber'] } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			options: userFieldOptions(false),
		},
	];
}

export const usernameMaxLengthOption: INodeProperties = {
	displayName: 'Maximum Username Length',
	name: 'usernameMaxLength',
	type: 'number',
	validateType: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		'Numbered usernames are shortened to fit this length, as Generate Unique Username does (use 20 when Windows devices are bound). 0 means no limit.',
};

export const initialStateOption: INodeProperties = {
	displayName: 'Initial State',
	name: 'state',
	type: 'options',
	options: [
		{
			name: 'Staged',
			value: 'STAGED',
			description: 'No access until activated (e.g. on the start date)',
		},
		{ name: 'Activated', value: 'ACTIVATED' },
		{ name: 'Suspended', value: 'SUSPENDED' },
	],
	default: 'STAGED',
	description: "State of a newly created user. Staged is what JumpCloud's own HR integrations use.",
};
