import { listWithFilters } from '../../shared/operations';

export const { description, execute } = listWithFilters('team', 'teams/teams', [
	{ displayName: 'Team IDs', name: 'ids', query: 'ids', description: 'Comma-separated team IDs' },
]);
