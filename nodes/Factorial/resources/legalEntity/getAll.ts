import { listWithFilters } from '../../shared/operations';

export const { description, execute } = listWithFilters('legalEntity', 'companies/legal_entities');
