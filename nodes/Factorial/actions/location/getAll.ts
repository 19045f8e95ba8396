import { listWithFilters } from '../common';

export const { description, execute } = listWithFilters('location', 'locations/locations');
