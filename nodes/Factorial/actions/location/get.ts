import { getByLocator } from '../common';

export const { description, execute } = getByLocator('location', 'location', 'locations/locations', 'Location');
