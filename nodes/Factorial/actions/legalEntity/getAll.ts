import { listWithFilters } from '../common';

export const { description, execute } = listWithFilters('legalEntity', 'companies/legal_entities');
