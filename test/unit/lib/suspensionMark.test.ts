import {
	hasSuspensionMark,
	SUSPENSION_MARK,
	suspendedBySync,
	suspensionMark,
	withoutSuspensionMark,
	withSuspensionMark,
} from '../../../nodes/lib/suspensionMark';

const NOW = Date.parse('2026-05-10T12:00:00Z');
const user = (attributes: unknown) => ({ id: 'u', username: 'lena.fischer', attributes });

describe('suspensionMark', () => {
	it('is a JumpCloud custom attribute name: letters and numbers only, fewer than 32 characters', () => {
		expect(SUSPENSION_MARK).toMatch(/^[A-Za-z0-9]{1,31}$/);
	});

	it('reads the instant from the attributes array (name case-insensitive, as JumpCloud compares)', () => {
		expect(
			suspensionMark(user([{ name: 'factorialsyncsuspendedat', value: '2026-05-09T21:59:00Z' }])),
		).toBe('2026-05-09T21:59:00.000Z');
		for (const attributes of [
			undefined,
			[],
			{ [SUSPENSION_MARK]: '2026-05-09T21:59:00Z' },
			[{ name: SUSPENSION_MARK, value: 'yesterday' }],
			[{ name: 'other', value: '2026-05-09T21:59:00Z' }],
		])
			expect(suspensionMark(user(attributes))).toBeUndefined();
	});

	it("the suspension is the sync's only when the mark's instant has come", () => {
		expect(
			suspendedBySync(user([{ name: SUSPENSION_MARK, value: '2026-05-09T21:59:00Z' }]), NOW),
		).toEqual({ bySync: true, at: '2026-05-09T21:59:00.000Z' });
		const none = suspendedBySync(user([{ name: 'costCentre', value: '7' }]), NOW);
		expect(none).toMatchObject({ bySync: false });
		expect(!none.bySync && none.reason).toMatch(
			/^JumpCloud user lena\.fischer was suspended outside the sync \(no factorialSyncSuspendedAt mark/,
		);
		// A scheduled suspension that has not happened yet does not vouch for today's suspension (IT's).
		const early = suspendedBySync(
			user([{ name: SUSPENSION_MARK, value: '2026-05-31T21:59:00Z' }]),
			NOW,
		);
		expect(!early.bySync && early.reason).toMatch(/scheduled for 2026-05-31T21:59:00.000Z/);
	});

	it('sets and clears the mark, keeping the other attributes', () => {
		const others = [{ name: 'costCentre', value: '7' }];
		const set = withSuspensionMark(
			[...others, { name: SUSPENSION_MARK, value: 'old' }],
			'2026-05-10T21:59:00Z',
		);
		expect(set).toEqual([...others, { name: SUSPENSION_MARK, value: '2026-05-10T21:59:00.000Z' }]);
		expect(hasSuspensionMark({ attributes: set })).toBe(true);
		expect(withoutSuspensionMark(set)).toEqual(others);
		expect(hasSuspensionMark({ attributes: others })).toBe(false);
		expect(withSuspensionMark(null, NOW)).toEqual([
			{ name: SUSPENSION_MARK, value: '2026-05-10T12:00:00.000Z' },
		]);
	});
});
