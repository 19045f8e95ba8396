import { getByLocator } from '../../shared/operations';

export const { description, execute } = getByLocator('team', 'team', 'teams/teams', 'Team');
