import {
	MAX_DELIVERY_BYTES,
	challengeMatches,
	checkDeliveryShape,
	isStaleDelivery,
	rememberDelivery,
	singleHeader,
	type LastSeenMap,
} from '../../../nodes/Factorial/trigger/deliveries';

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

describe('stale delivery tracking', () => {
	it('drops repeats and older deliveries, keeps newer ones', () => {
		const seen: LastSeenMap = {};
		expect(isStaleDelivery(seen, 'employee.updated:2', '2026-11-20T10:00:00Z')).toBe(false);
		rememberDelivery(seen, 'employee.updated:2', '2026-11-20T10:00:00Z');
		expect(isStaleDelivery(seen, 'employee.updated:2', '2026-11-20T10:00:00Z')).toBe(true);
		expect(isStaleDelivery(seen, 'employee.updated:2', '2026-11-20T09:59:59Z')).toBe(true);
		expect(isStaleDelivery(seen, 'employee.updated:2', '2026-11-20T10:00:01Z')).toBe(false);
		expect(isStaleDelivery(seen, 'employee.terminated:2', '2026-11-20T10:00:00Z')).toBe(false);
	});

	it('never calls a delivery without a usable updated_at stale', () => {
		const seen: LastSeenMap = { 'employee.updated:2': '2026-11-20T10:00:00Z' };
		expect(isStaleDelivery(seen, 'employee.updated:2', undefined)).toBe(false);
		expect(isStaleDelivery(seen, 'employee.updated:2', 'not a date')).toBe(false);
		rememberDelivery(seen, 'employee.updated:3', 'not a date');
		expect(seen).not.toHaveProperty('employee.updated:3');
	});

	it('stays bounded and evicts the least recently seen first', () => {
		const seen: LastSeenMap = {};
		rememberDelivery(seen, 'e:1', '2026-01-01T00:00:00Z', 3);
		rememberDelivery(seen, 'e:2', '2026-01-01T00:00:00Z', 3);
		rememberDelivery(seen, 'e:3', '2026-01-01T00:00:00Z', 3);
		rememberDelivery(seen, 'e:1', '2026-01-02T00:00:00Z', 3); // refreshed, now newest
		rememberDelivery(seen, 'e:4', '2026-01-01T00:00:00Z', 3);
		expect(Object.keys(seen)).toEqual(['e:3', 'e:1', 'e:4']);
	});
});
