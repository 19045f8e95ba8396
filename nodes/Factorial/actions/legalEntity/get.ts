import { getByLocator } from '../common';

export const { description, execute } = getByLocator(
	'legalEntity',
	'legalEntity',
	'companies/legal_entities',
	'Legal Entity',
);
