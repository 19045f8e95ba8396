import { emailOnlyMatchProblem, lookedUpBy, notFoundReason } from '../../../nodes/lib/userLookup';

describe('a lookup by employee identifier, then email (pure)', () => {
	it.each([
		[[], undefined],
		[
			[{ username: 'lena' }],
			'JumpCloud user "lena" has the email "l@x.io" but no employee identifier, so it is not linked to employee "7"',
		],
		[
			[{ username: 'lena', employeeIdentifier: ' ' }],
			'JumpCloud user "lena" has the email "l@x.io" but no employee identifier, so it is not linked to employee "7"',
		],
		[
			[{ username: 'lena', employeeIdentifier: '8' }],
			'JumpCloud user "lena" has the email "l@x.io" but the employee identifier "8", not "7"',
		],
		[
			[{ username: 'a' }, { username: 'b', employeeIdentifier: '7' }],
			'2 JumpCloud users have the email "l@x.io" and none has the employee identifier "7"',
		],
	])('users found only by email %j never stand for the employee', (matches, problem) => {
		expect(emailOnlyMatchProblem(matches, '7', 'l@x.io')).toBe(problem);
	});

	it('names what was looked up, for messages and audit records', () => {
		expect(lookedUpBy('employeeIdentifier', true)).toBe('employee identifier, then email');
		expect(lookedUpBy('list', false)).toBe('ID');
		expect(lookedUpBy('username', false)).toBe('username');
		expect(notFoundReason('employeeIdentifier', '7', 'l@x.io')).toBe(
			'No JumpCloud user has the employee identifier "7" or the email "l@x.io"',
		);
		expect(notFoundReason('email', 'l@x.io')).toBe('No JumpCloud user has the email "l@x.io"');
	});
});
