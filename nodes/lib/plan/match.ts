/**
 * Pass 1 of the plan: match every employee to a JumpCloud user (or plan its create); remember who
 * claims which user.
 */
import type { CustomAttribute, EmployeeView, SyncAttribute } from '../employeeMapping';
import { customAttributeValues, readEmployee, wantedAttributes } from '../employeeMapping';
import type { LinkRefusalCode } from '../adoption';
import { ADOPTION_OFF, adoptionRefusal, LINK_SETTING, linkRefusal } from '../adoption';
import { planPreStart } from '../calendar';
import { planActivation } from './activation';
import { attributesToClear, writesOnCreate } from '../authority';
import { scopeVerdict } from '../scope';
import type { Change, DirectoryUser, MatchKey, Obj, PlanOptions, ReconcilePlan } from './types';

export interface Match {
	itemIndex: number;
	employee: EmployeeView;
	user: DirectoryUser;
	matchedBy: MatchKey;
	custom: CustomAttribute[];
	/** Outside the sync scope (suspend as a leaver): the reason. */
	outOfScope?: string;
	/** Attributes HR blanked that the policy clears (lib/authority.ts). */
	clears?: SyncAttribute[];
}

/** What pass 1 leaves for the passes after it. */
export interface MatchPass {
	inputEmployeeIds: Set<string>;
	unreadableIds: number;
	matches: Match[];
	claims: Map<string, number>;
	touchedUsers: Set<string>;
	/** Lower-case work email → id of an employee who is not active (for the orphan report). */
	leaverEmails: Map<string, string>;
	/** Linked users left alone because their employee is outside the sync scope → that employee's id. */
	outOfScopeUsers: Map<string, string>;
}

// Pass 1: match every employee; remember who claims which user.
export function matchEmployees(
	plan: ReconcilePlan,
	employees: Obj[],
	byEmployeeId: Map<string, DirectoryUser[]>,
	byEmail: Map<string, DirectoryUser[]>,
	options: PlanOptions,
): MatchPass {
	const seenEmployees = new Set<string>();
	const inputEmployeeIds = new Set<string>();
	let unreadableIds = 0;
	const matches: Match[] = [];
	const claims = new Map<string, number>();
	const touchedUsers = new Set<string>();
	const leaverEmails = new Map<string, string>();
	const outOfScopeUsers = new Map<string, string>();
	const policy = options.adoption ?? ADOPTION_OFF;
	// The guided link path: every employee whose work email an existing user holds is listed, as a link
	// this run makes (or would make with Adopt Users by Email on), or as refused with the reason.
	const refuse = (
		itemIndex: number,
		employeeId: string,
		users: DirectoryUser[],
		code: LinkRefusalCode,
		reason: string,
	) =>
		plan.links.refused.push({
			itemIndex,
			employeeId,
			userIds: users.map((u) => u.id),
			username: users[0].username,
			email: users[0].email,
			code,
			reason,
		});
	for (let i = 0; i < employees.length; i++) {
		const item = employees[i];
		const employee = readEmployee(
			item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {},
			options.today,
			// The calendar's gone rule needs the clock; a plan without one reads `today` as before.
			options.now === undefined
				? undefined
				: { now: options.now, defaultZone: options.defaultTimezone ?? 'UTC' },
		);
		if (!employee.id) {
			const reason =
				employee.problems.find((p) => p.startsWith('field "id"')) ?? 'no employee id in the item';
			plan.skipped.push({ itemIndex: i, employeeId: null, reason });
			unreadableIds++;
			continue;
		}
		inputEmployeeIds.add(employee.id);
		const custom = customAttributeValues(
			item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {},
			options.customAttributes ?? [],
		);
		const problems = [...employee.problems, ...custom.problems];
		if (problems.length) {
			// Still an input employee (never suspended as unknown), but nothing is decided on unreadable fields.
			plan.skipped.push({
				itemIndex: i,
				employeeId: employee.id,
				reason: problems.join('; '),
			});
			continue;
		}
		if (seenEmployees.has(employee.id)) {
			plan.skipped.push({
				itemIndex: i,
				employeeId: employee.id,
				reason: 'the same employee appears twice in the input',
			});
			continue;
		}
		seenEmployees.add(employee.id);
		// Read only from employees whose fields are readable: a misread `active` would name a wrong leaver.
		if (!employee.active && employee.workEmail)
			leaverEmails.set(employee.workEmail.toLowerCase(), employee.id);

		const raw = item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {};
		const byId = byEmployeeId.get(employee.id) ?? [];
		const verdict = options.scope ? scopeVerdict(raw, options.scope) : { inScope: true };
		if (!verdict.inScope && byId.length <= 1) {
			// Never created, never linked by email; a linked user is left alone or suspended as a leaver.
			const reason = `outside the sync scope: ${(verdict as { reason: string }).reason}`;
			const linked = byId[0];
			if (linked && options.scope?.outOfScope === 'suspend') {
				matches.push({
					itemIndex: i,
					employee,
					user: linked,
					matchedBy: 'employeeIdentifier',
					custom: [],
					outOfScope: reason,
				});
				claims.set(linked.id, (claims.get(linked.id) ?? 0) + 1);
				continue;
			}
			if (linked) {
				touchedUsers.add(linked.id);
				outOfScopeUsers.set(linked.id, employee.id);
			}
			plan.skipped.push({
				itemIndex: i,
				employeeId: employee.id,
				reason: linked
					? `${reason}; JumpCloud user "${linked.username}" is left alone`
					: `${reason}; no JumpCloud user is created`,
			});
			continue;
		}
		if (byId.length > 1) {
			for (const user of byId) touchedUsers.add(user.id);
			plan.conflicts.push({
				itemIndex: i,
				employeeId: employee.id,
				userIds: byId.map((u) => u.id),
				reason: `${byId.length} JumpCloud users carry employee identifier "${employee.id}"`,
			});
			continue;
		}
		let user: DirectoryUser | undefined = byId[0];
		let matchedBy: MatchKey = 'employeeIdentifier';
		if (!user && employee.workEmail) {
			const byMail = byEmail.get(employee.workEmail.toLowerCase()) ?? [];
			if (byMail.length > 1) {
				for (const u of byMail) touchedUsers.add(u.id);
				refuse(
					i,
					employee.id,
					byMail,
					'ambiguousEmail',
					`${byMail.length} JumpCloud users have this email: make it unique in JumpCloud first`,
				);
				plan.conflicts.push({
					itemIndex: i,
					employeeId: employee.id,
					userIds: byMail.map((u) => u.id),
					reason: `${byMail.length} JumpCloud users have the email "${employee.workEmail}"`,
				});
				continue;
			}
			if (byMail.length === 1) {
				const candidate = byMail[0];
				if (candidate.employeeIdentifier && candidate.employeeIdentifier !== employee.id) {
					touchedUsers.add(candidate.id);
					refuse(
						i,
						employee.id,
						[candidate],
						'alreadyLinked',
						`the user is already linked to employee "${candidate.employeeIdentifier}" and is never relinked by email`,
					);
					plan.conflicts.push({
						itemIndex: i,
						employeeId: employee.id,
						userIds: [candidate.id],
						reason: `the work email "${employee.workEmail}" belongs to JumpCloud user "${candidate.username}" whose employee identifier is "${candidate.employeeIdentifier}"`,
					});
					continue;
				}
				if (!candidate.employeeIdentifier) {
					if (!employee.active) {
						// A leaver is never matched to an unlinked account by email alone: that would suspend
						// whoever holds the address (an admin, a service account).
						refuse(
							i,
							employee.id,
							[candidate],
							'notActive',
							'the employee is not active in Factorial: a leaver is never linked',
						);
						plan.skipped.push({
							itemIndex: i,
							employeeId: employee.id,
							reason: `not active in Factorial; JumpCloud user "${candidate.username}" has the work email but no employee identifier, so it is not touched`,
						});
						continue;
					}
					const verdict = linkRefusal(candidate, policy);
					if (verdict) refuse(i, employee.id, [candidate], verdict.code, verdict.reason);
					else
						plan.links.proposed.push({
							itemIndex: i,
							employeeId: employee.id,
							userId: candidate.id,
							username: candidate.username,
							email: candidate.email,
						});
					const refusal = adoptionRefusal(candidate, policy);
					if (refusal) {
						touchedUsers.add(candidate.id);
						plan.conflicts.push({
							itemIndex: i,
							employeeId: employee.id,
							userIds: [candidate.id],
							reason: `the work email "${employee.workEmail}" belongs to JumpCloud user "${candidate.username}", which has no employee identifier; not adopted: ${refusal}${verdict ? '' : `. The allow-list would link it: turn on ${LINK_SETTING}`}`,
						});
						continue;
					}
				}
				user = candidate;
				matchedBy = 'email';
			}
		}
		if (!user) {
			planUnmatched(plan, i, employee, options, custom.attributes);
			continue;
		}
		const clears = options.authority ? attributesToClear(raw, options.authority) : [];
		matches.push({
			itemIndex: i,
			employee,
			user,
			matchedBy,
			custom: custom.attributes,
			...(clears.length ? { clears } : {}),
		});
		claims.set(user.id, (claims.get(user.id) ?? 0) + 1);
	}
	return {
		inputEmployeeIds,
		unreadableIds,
		matches,
		claims,
		touchedUsers,
		leaverEmails,
		outOfScopeUsers,
	};
}

function planUnmatched(
	plan: ReconcilePlan,
	itemIndex: number,
	employee: EmployeeView,
	options: PlanOptions,
	custom: CustomAttribute[] = [],
): void {
	const skip = (reason: string): void => {
		plan.skipped.push({ itemIndex, employeeId: employee.id, reason });
	};
	if (!employee.active) return skip('not active in Factorial and not in JumpCloud');
	if (!employee.workEmail) return skip('no work email');
	if (!employee.workEmailValid)
		return skip(`work email "${employee.workEmail}" is not a valid address`);
	// The pre-start window (as the Joiner's): a hire starting later than that is created on a later run.
	const preStart = planPreStart(
		employee.startDate,
		employee.timezone,
		options.now ?? Date.now(),
		options.defaultTimezone ?? 'UTC',
		options.preStartDays,
	);
	if (preStart.kind === 'wait') return skip(preStart.reason);
	const attributes: Record<string, string> = {
		...(wantedAttributes(employee) as Record<string, string>),
	};
	// The manager is resolved when the user is written (it may be created in the same run).
	delete attributes.manager;
	// The policy's Never attributes are not written at creation either (lib/authority.ts).
	const authority = options.authority;
	if (authority)
		for (const key of Object.keys(attributes))
			if (!writesOnCreate(authority, key as SyncAttribute)) delete attributes[key];
	const managerWritten = !authority || writesOnCreate(authority, 'manager');
	if (employee.id) attributes.employeeIdentifier = employee.id;
	const diff: Record<string, Change> = {};
	for (const [key, value] of Object.entries(attributes)) diff[key] = { from: '', to: value };
	for (const attribute of custom)
		diff[`attributes.${attribute.name}`] = { from: '', to: attribute.value };
	plan.create.push({
		action: 'create',
		itemIndex,
		employeeId: employee.id,
		email: employee.workEmail,
		diff,
		attributes,
		...(custom.length ? { customAttributes: custom } : {}),
		employee: managerWritten ? employee : { ...employee, managerId: null },
		...(options.activateStaged && (options.newUserState ?? 'STAGED') === 'STAGED'
			? {
					activation: planActivation(
						employee,
						options.now ?? Date.now(),
						options.defaultTimezone ?? 'UTC',
					),
				}
			: {}),
	});
}
