/** The request bodies of planned writes (create POST, update PUT), with the manager link resolved. */
import type { Obj, PlannedAction } from './types';

/** The JumpCloud manager user id for a planned create, once the directory is known. */
export function resolveManagerId(
	managerEmployeeId: string | null,
	byEmployeeId: Map<string, string>,
): string | undefined {
	return managerEmployeeId ? byEmployeeId.get(managerEmployeeId) : undefined;
}

/** The POST body of a planned create: its attributes, username, state and, when known, its manager. */
export function createBody(
	action: PlannedAction,
	newUserState: string,
	userIdByEmployee: Map<string, string>,
): Obj {
	const body: Obj = {
		...(action.attributes ?? {}),
		username: action.username,
		state: newUserState,
		suspended: false,
	};
	if (action.customAttributes?.length)
		body.attributes = action.customAttributes.map((a) => ({ name: a.name, value: a.value }));
	const managerId = resolveManagerId(action.employee?.managerId ?? null, userIdByEmployee);
	if (managerId) body.manager = managerId;
	return body;
}

/**
 * The PUT body of a planned update, adoption, reactivation or suspension: the changed fields (custom
 * attributes as the user's whole list). A manager created earlier in this run is linked now; when it
 * could not be created and nothing else changes, the write is skipped with that reason.
 */
export function writeBody(
	action: PlannedAction,
	userIdByEmployee: Map<string, string>,
): { body: Obj } | { skip: string } {
	if (action.action === 'suspend')
		return {
			body: {
				state: 'SUSPENDED',
				suspended: true,
				// The sync's mark with the user's other attributes (JumpCloud replaces the list).
				...(action.customAttributes
					? { attributes: action.customAttributes.map((a) => ({ name: a.name, value: a.value })) }
					: {}),
			},
		};
	const body: Obj = {};
	for (const [key, change] of Object.entries(action.diff))
		if (!key.startsWith('attributes.')) body[key] = change.to;
	if (action.customAttributes)
		body.attributes = action.customAttributes.map((a) => ({ name: a.name, value: a.value }));
	if (action.action === 'reactivate') Object.assign(body, { state: 'ACTIVATED', suspended: false });
	if (action.pendingManager) {
		// The manager's user was created earlier in this run (creates go first).
		const managerId = userIdByEmployee.get(action.pendingManager);
		if (managerId) body.manager = managerId;
		else delete body.manager;
		if (action.diff.manager) action.diff.manager.to = managerId ?? '';
		if (!Object.keys(body).length) return { skip: 'the manager’s user could not be created' };
	}
	return { body };
}
