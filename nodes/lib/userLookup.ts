// What a lookup of one employee's JumpCloud user by employee identifier, then email, concludes when the
// employee identifier matched nobody. Pure: the JumpCloud node does the searches and acts on the answer.
//
// A user found only by email is never acted on: one without an employee identifier is an account not
// linked to anyone yet (linking hands it to a person, which only Create or Update's guarded adoption
// does), one with another employee identifier belongs to someone else. Either way the lookup stops with
// a reason, so a Leaver never suspends and a Mover never changes a user it could not tie to the employee.

export interface LookupCandidate {
	username?: unknown;
	employeeIdentifier?: unknown;
}

/** Why the users with the email cannot stand for the employee; undefined when there are none. */
export function emailOnlyMatchProblem(
	matches: readonly LookupCandidate[],
	employeeIdentifier: string,
	email: string,
): string | undefined {
	if (matches.length === 0) return undefined;
	if (matches.length > 1)
		return `${matches.length} JumpCloud users have the email "${email}" and none has the employee identifier "${employeeIdentifier}"`;
	const [user] = matches;
	const other = String(user.employeeIdentifier ?? '').trim();
	const name = String(user.username ?? '');
	return other
		? `JumpCloud user "${name}" has the email "${email}" but the employee identifier "${other}", not "${employeeIdentifier}"`
		: `JumpCloud user "${name}" has the email "${email}" but no employee identifier, so it is not linked to employee "${employeeIdentifier}"`;
}

/** The words an audit record or a message uses for what was looked up. */
export function lookedUpBy(mode: string, withEmail: boolean): string {
	const label =
		mode === 'employeeIdentifier'
			? 'employee identifier'
			: mode === 'list' || mode === 'id'
				? 'ID'
				: mode;
	return withEmail ? `${label}, then email` : label;
}

/** One sentence: no user for this value (and this email, when it was looked up too). */
export function notFoundReason(mode: string, value: string, email?: string): string {
	const first = `No JumpCloud user has the ${lookedUpBy(mode, false)} "${value}"`;
	return email ? `${first} or the email "${email}"` : first;
}
