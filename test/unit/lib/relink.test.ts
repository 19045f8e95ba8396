import { OWNERSHIP_ATTRIBUTE } from '../../../nodes/lib/groupOwnership';
import { relinkDecision, unownedGroups } from '../../../nodes/lib/relink';
import { SUSPENSION_MARK } from '../../../nodes/lib/suspensionMark';

const NOW = Date.parse('2026-05-10T12:00:00Z');
const account = (
	attributes: unknown = [{ name: SUSPENSION_MARK, value: '2025-01-31T22:59:00Z' }],
) => ({
	id: 'u',
	username: 'old.admin',
	employeeIdentifier: '7',
	state: 'SUSPENDED',
	attributes,
});
const earlier = (company_identifier?: unknown) => ({
	id: 7,
	full_name: 'Old Admin',
	active: false,
	terminated_on: '2025-01-31',
	...(company_identifier === undefined ? {} : { company_identifier }),
});
const hire = (company_identifier?: unknown) => ({
	id: 42,
	full_name: 'New Person',
	...(company_identifier === undefined ? {} : { company_identifier }),
});

describe('relinkDecision', () => {
	it('relinks only when the proof field is present and equal on both records', () => {
		expect(
			relinkDecision({
				account: account(),
				newEmployee: hire('E-100'),
				earlierEmployee: earlier('E-100'),
				now: NOW,
			}),
		).toEqual({ relink: true });
		expect(
			relinkDecision({
				account: account(),
				newEmployee: hire(100),
				earlierEmployee: earlier(' 100 '),
				now: NOW,
			}),
		).toEqual({ relink: true });
	});

	it('an empty identifier on the new record is no proof: a possible rehire, both records named', () => {
		for (const value of [undefined, '', '  ', null]) {
			const d = relinkDecision({
				account: account(),
				newEmployee: hire(value),
				earlierEmployee: earlier('E-100'),
				now: NOW,
			});
			expect(d).toMatchObject({ relink: false, possibleRehire: true });
			expect(!d.relink && d.reason).toMatch(/company_identifier is missing on the new record/);
			expect(!d.relink && d.reason).toMatch(
				/new employee 42 \(New Person\).*earlier employee 7 \(Old Admin\) company_identifier "E-100"/,
			);
		}
		const d = relinkDecision({
			account: account(),
			newEmployee: hire('E-100'),
			earlierEmployee: earlier(),
			now: NOW,
		});
		expect(!d.relink && d.reason).toMatch(/missing on the earlier record/);
	});

	it('a different identifier is no proof', () => {
		const d = relinkDecision({
			account: account(),
			newEmployee: hire('E-200'),
			earlierEmployee: earlier('E-100'),
			now: NOW,
		});
		expect(d).toMatchObject({ relink: false, possibleRehire: true });
		expect(!d.relink && d.reason).toMatch(/company_identifier differs/);
	});

	it('the admin picks the proof field', () => {
		const newer = { ...hire('E-100'), nif: 'X1' };
		const older = { ...earlier('E-100'), nif: 'X2' };
		expect(
			relinkDecision({
				account: account(),
				newEmployee: newer,
				earlierEmployee: older,
				proofField: 'nif',
				now: NOW,
			}),
		).toMatchObject({ relink: false });
		expect(
			relinkDecision({ account: account(), newEmployee: newer, earlierEmployee: older, now: NOW }),
		).toEqual({ relink: true });
	});

	it('refuses an unread, other, or still active earlier record', () => {
		expect(
			relinkDecision({
				account: account(),
				newEmployee: hire('E'),
				earlierEmployee: { error: { message: 'Not found' } },
				now: NOW,
			}),
		).toMatchObject({ relink: false, possibleRehire: false });
		expect(
			relinkDecision({
				account: account(),
				newEmployee: hire('E'),
				earlierEmployee: { ...earlier('E'), id: 8 },
				now: NOW,
			}),
		).toMatchObject({ relink: false });
		expect(
			relinkDecision({
				account: account(),
				newEmployee: hire('E'),
				earlierEmployee: { ...earlier('E'), active: true },
				now: NOW,
			}),
		).toMatchObject({ relink: false });
	});

	it('never relinks an account someone else suspended, even with proof', () => {
		const d = relinkDecision({
			account: account([]),
			newEmployee: hire('E-100'),
			earlierEmployee: earlier('E-100'),
			now: NOW,
		});
		expect(d).toMatchObject({ relink: false, suspendedOutsideSync: true });
		expect(!d.relink && d.reason).toMatch(/suspended outside the sync/);
	});
});

describe('unownedGroups', () => {
	it('lists the groups without the sync mark', () => {
		const owned = {
			id: 'a',
			name: 'Sales',
			attributes: { [OWNERSHIP_ATTRIBUTE]: { team: 'Sales', how: 'created' } },
		};
		const admins = { id: 'b', name: 'Domain Admins', attributes: null };
		expect(unownedGroups([owned, admins])).toEqual([admins]);
	});
});
