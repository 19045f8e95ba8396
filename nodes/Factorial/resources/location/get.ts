import { getByLocator } from '../../shared/operations';

export const { description, execute } = getByLocator(
	'location',
	'location',
	'locations/locations',
	'Location',
);
