import { getByLocator } from '../../shared/operations';

export const { description, execute } = getByLocator(
	'legalEntity',
	'legalEntity',
	'companies/legal_entities',
	'Legal Entity',
);
