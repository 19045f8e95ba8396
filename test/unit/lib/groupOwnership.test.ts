import {
	groupOwnership,
	isOwnedGroup,
	OWNERSHIP_ATTRIBUTE,
	withOwnership,
} from '../../../nodes/lib/groupOwnership';

describe('groupOwnership', () => {
	it('owns only a group carrying a valid mark in its attributes', () => {
		const marked = {
			id: 'g',
			name: 'Marketing',
			attributes: {
				[OWNERSHIP_ATTRIBUTE]: { team: 'Marketing', how: 'created', at: '2026-01-01' },
			},
		};
		expect(groupOwnership(marked)).toEqual({ team: 'Marketing', how: 'created', at: '2026-01-01' });
		expect(isOwnedGroup(marked)).toBe(true);
		for (const group of [
			{ id: 'g', name: 'IT Admins' },
			{ id: 'g', name: 'IT Admins', attributes: {} },
			{ id: 'g', name: 'x', attributes: { [OWNERSHIP_ATTRIBUTE]: { team: '', how: 'created' } } },
			{ id: 'g', name: 'x', attributes: { [OWNERSHIP_ATTRIBUTE]: { team: 'x', how: 'stolen' } } },
			{ id: 'g', name: 'x', description: OWNERSHIP_ATTRIBUTE },
			null,
		])
			expect(isOwnedGroup(group)).toBe(false);
	});

	it('sets the mark and keeps the other attributes', () => {
		const attributes = withOwnership(
			{ sudo: { enabled: false, withoutPassword: false } },
			{ team: 'Sales, EMEA', how: 'mapped' },
		);
		expect(attributes).toEqual({
			sudo: { enabled: false, withoutPassword: false },
			[OWNERSHIP_ATTRIBUTE]: { team: 'Sales, EMEA', how: 'mapped' },
		});
		expect(groupOwnership({ attributes })?.team).toBe('Sales, EMEA');
	});
});
