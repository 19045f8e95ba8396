import { getByLocator } from '../common';

export const { description, execute } = getByLocator('team', 'team', 'teams/teams', 'Team');
