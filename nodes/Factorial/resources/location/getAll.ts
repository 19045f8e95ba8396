import { listWithFilters } from '../../shared/operations';

export const { description, execute } = listWithFilters('location', 'locations/locations');
