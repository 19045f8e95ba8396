import {
	MAX_DELIVERY_BYTES,
	challengeMatches,
	checkDeliveryShape,
	singleHeader,
} from '../../../nodes/Factorial/trigger/deliveries';
import {
	canonicalFactorialId,
	deliveryMemoryIn,
	deliveryVersion,
	isStaleDelivery,
	rememberDelivery,
	versionRuleFor,
	type DeliveryMemory,
} from '../../../nodes/Factorial/trigger/deliveryMemory';
import { FACTORIAL_EVENTS } from '../../../nodes/Factorial/events';

describe('challengeMatches', () => {
	it('accepts only the exact challenge', () => {
		expect(challengeMatches('s3cret-challenge', 's3cret-challenge')).toBe(true);
		expect(challengeMatches('s3cret-challengE', 's3cret-challenge')).toBe(false);
		expect(challengeMatches('s3cret', 's3cret-challenge')).toBe(false);
		expect(challengeMatches('s3cret-challenge-and-more', 's3cret-challenge')).toBe(false);
	});

	it('refuses when either side is missing or empty', () => {
		expect(challengeMatches(undefined, 'x')).toBe(false);
		expect(challengeMatches('', '')).toBe(false);
		expect(challengeMatches('x', undefined)).toBe(false);
	});
});

describe('singleHeader', () => {
	it('returns a single value and refuses repeated headers', () => {
		expect(singleHeader({ a: 'v' }, 'a')).toBe('v');
		expect(singleHeader({ a: ['v', 'w'] }, 'a')).toBeUndefined();
		expect(singleHeader({}, 'a')).toBeUndefined();
	});
});

describe('checkDeliveryShape', () => {
	it('accepts a resource object with an id', () => {
		expect(checkDeliveryShape({ id: '2' }, 10)).toBeUndefined();
		expect(checkDeliveryShape({ id: 2 }, 10)).toBeUndefined();
	});

	it('names what is wrong with anything else', () => {
		expect(checkDeliveryShape([{ id: 1 }], 10)).toBe('notAnObject');
		expect(checkDeliveryShape('text', 10)).toBe('notAnObject');
		expect(checkDeliveryShape(null, 10)).toBe('notAnObject');
		expect(checkDeliveryShape({ name: 'no id' }, 10)).toBe('noResourceId');
		expect(checkDeliveryShape({ id: '' }, 10)).toBe('noResourceId');
		expect(checkDeliveryShape({ id: '2' }, MAX_DELIVERY_BYTES + 1)).toBe('tooLarge');
	});
});

const emptyMemory = (): DeliveryMemory => ({ confirmed: {}, unconfirmed: {} });

describe('canonical Factorial ids', () => {
	it('accepts digits as Factorial writes them, as strings or exact numbers', () => {
		expect(canonicalFactorialId('2')).toEqual({ id: '2' });
		expect(canonicalFactorialId(2)).toEqual({ id: '2' });
		expect(canonicalFactorialId('0')).toEqual({ id: '0' });
		expect(canonicalFactorialId('18446744073709551615')).toEqual({ id: '18446744073709551615' });
	});

	it.each([
		'02',
		'002',
		'+2',
		'2.0',
		' 2',
		'2 ',
		'-2',
		'2e0',
		'0x2',
		'',
		'١٢',
		'123456789012345678901',
	])('refuses %p with a reason instead of reading it as another spelling of an id', (value) => {
		const result = canonicalFactorialId(value);
		expect(result.id).toBeUndefined();
		expect(result.problem).toEqual(expect.any(String));
	});

	it('refuses numbers that are not exact whole ids', () => {
		for (const value of [2.5, -1, 2 ** 53, Number.NaN, Infinity])
			expect(canonicalFactorialId(value).id).toBeUndefined();
	});
});

describe('stale keys per event kind', () => {
	it('every event the trigger offers has a version rule', () => {
		for (const event of FACTORIAL_EVENTS) expect(versionRuleFor(event.name)).toBeDefined();
	});

	it('a delivery lacking the field its rule needs has no version (never stale, never remembered)', () => {
		expect(deliveryVersion('updatedAt', { id: '2' })).toBeUndefined();
		expect(deliveryVersion('updatedAt', { updated_at: 'not a date' })).toBeUndefined();
		expect(deliveryVersion('lead', { id: '2' })).toBeUndefined();
		expect(deliveryVersion('once', {})).toBe('once');
		expect(deliveryVersion('content', { name: 'a', id: '1' })).toBe(
			deliveryVersion('content', { id: '1', name: 'a' }),
		);
	});
});

describe('stale delivery tracking', () => {
	it('drops repeats and older deliveries, keeps newer ones', () => {
		const seen = emptyMemory();
		const at = (t: string) => deliveryVersion('updatedAt', { updated_at: t });
		expect(isStaleDelivery(seen, 'employee.updated', '2', at('2026-11-20T10:00:00Z'))).toBe(false);
		rememberDelivery(seen, 'employee.updated', '2', at('2026-11-20T10:00:00Z'), true);
		expect(isStaleDelivery(seen, 'employee.updated', '2', at('2026-11-20T10:00:00Z'))).toBe(true);
		expect(isStaleDelivery(seen, 'employee.updated', '2', at('2026-11-20T09:59:59Z'))).toBe(true);
		expect(isStaleDelivery(seen, 'employee.updated', '2', at('2026-11-20T10:00:01Z'))).toBe(false);
		expect(isStaleDelivery(seen, 'employee.terminated', '2', at('2026-11-20T10:00:00Z'))).toBe(
			false,
		);
	});

	it('creations and deletions are remembered once per id; the same lead flag again is a repeat', () => {
		const seen = emptyMemory();
		rememberDelivery(seen, 'team_membership.created', '11', 'once', false);
		expect(isStaleDelivery(seen, 'team_membership.created', '11', 'once')).toBe(true);
		expect(isStaleDelivery(seen, 'team_membership.created', '12', 'once')).toBe(false);
		rememberDelivery(seen, 'team_membership.updated', '11', 'lead:true', false);
		expect(isStaleDelivery(seen, 'team_membership.updated', '11', 'lead:true')).toBe(true);
		expect(isStaleDelivery(seen, 'team_membership.updated', '11', 'lead:false')).toBe(false);
	});

	it('junk in the unconfirmed part never pushes out a confirmed entry', () => {
		const seen = emptyMemory();
		rememberDelivery(seen, 'employee.updated', '2', '2026-11-20T10:00:00Z', true);
		for (let n = 0; n < 5_000; n++)
			rememberDelivery(
				seen,
				'employee.updated',
				String(100_000 + n),
				'2026-11-20T10:00:00Z',
				false,
			);
		expect(isStaleDelivery(seen, 'employee.updated', '2', '2026-11-20T10:00:00Z')).toBe(true);
		expect(Object.keys(seen.unconfirmed['employee.updated']).length).toBeLessThanOrEqual(1_000);
	});

	it('stays bounded per event and evicts the least recently seen first (also for small ids)', () => {
		const seen = emptyMemory();
		for (let n = 10; n > 0; n--) rememberDelivery(seen, 'team.created', String(n), 'once', false);
		expect(Object.keys(seen.unconfirmed['team.created'])[0]).toBe('#10');
	});

	it('carries an old flat lastSeen map over, keeping only canonical ids', () => {
		const staticData: Record<string, unknown> = {
			lastSeen: {
				'employee.updated:2': '2026-11-20T10:00:00Z',
				'employee.updated:02': '2026-11-20T10:00:00Z',
			},
		};
		const memory = deliveryMemoryIn(staticData);
		expect(staticData.lastSeen).toBeUndefined();
		expect(memory.unconfirmed).toEqual({
			'employee.updated': { '#2': '2026-11-20T10:00:00.000Z' },
		});
	});
});
