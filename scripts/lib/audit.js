// The audit record every event template ends in (docs/audit.md): one item per HR event, one schema.
// Templates build it with a core Set node named AUDIT_NODE; this module says what that node must
// assign and how the event paths must reach it. Pure: the build (gulpfile.js via templateCheck.js),
// the unit tests and the e2e suite use it.

/** The name of the node that writes the record, the same in every event template. */
const AUDIT_NODE = 'Audit Record';

/** The schema identifier each record carries; a change of fields gets a new one. */
const AUDIT_SCHEMA = 'factorial-jumpcloud.audit/2';

/** The record's fields, in order, with the Set node type each is assigned as. */
const AUDIT_FIELDS = [
	['schema', 'string'],
	['at', 'string'],
	['workflow', 'string'],
	['executionId', 'string'],
	['event', 'string'],
	['source', 'string'],
	['receivedAt', 'string'],
	['employeeId', 'string'],
	['employeeName', 'string'],
	['authorId', 'string'],
	['authorType', 'string'],
	['jumpCloudUserId', 'string'],
	['jumpCloudUsername', 'string'],
	['outcome', 'string'],
	['actions', 'array'],
	['summary', 'string'],
	// audit/2: the try-out mode. `wouldSend` lists the JumpCloud writes a dry run did not send.
	['dryRun', 'boolean'],
	['wouldSend', 'array'],
];

/**
 * An action is `done` (JumpCloud was changed, or already right), `skipped` (with the reason: nothing
 * to do, not allowed, a dry run) or `failed` (with the error; the nightly reconciliation goes on past
 * a failed action, an event workflow stops with an error instead and writes no record).
 */
const AUDIT_ACTION_STATUSES = ['done', 'skipped', 'failed'];
/** `failed` when an action failed, else `done` when one was done, else `skipped`. */
const AUDIT_OUTCOMES = ['done', 'skipped', 'failed'];

function expectedOutcome(actions) {
	if (actions.some((a) => a && a.status === 'failed')) return 'failed';
	return actions.some((a) => a && a.status === 'done') ? 'done' : 'skipped';
}

/**
 * What is wrong with one record (an empty list when it follows the schema): every field present with
 * its type, nothing else, each action `{ action, status, detail }`, `outcome` agreeing with the actions.
 */
function auditRecordProblems(record) {
	if (!record || typeof record !== 'object' || Array.isArray(record)) return ['not an object'];
	const problems = [];
	const names = AUDIT_FIELDS.map(([name]) => name);
	for (const [name, type] of AUDIT_FIELDS) {
		const value = record[name];
		if (type === 'array' ? !Array.isArray(value) : typeof value !== type)
			problems.push(`${name} is not a${type === 'array' ? 'n array' : ` ${type}`}`);
	}
	for (const key of Object.keys(record))
		if (!names.includes(key)) problems.push(`${key} is not a field of the schema`);
	if (record.schema !== undefined && record.schema !== AUDIT_SCHEMA)
		problems.push(`schema is ${JSON.stringify(record.schema)}, not ${AUDIT_SCHEMA}`);
	if (typeof record.at === 'string' && Number.isNaN(Date.parse(record.at)))
		problems.push('at is not a date and time');
	if (!AUDIT_OUTCOMES.includes(record.outcome))
		problems.push(`outcome ${JSON.stringify(record.outcome)} is not one of ${AUDIT_OUTCOMES}`);
	if (Array.isArray(record.actions)) {
		if (record.actions.length === 0) problems.push('actions is empty');
		record.actions.forEach((a, i) => {
			if (!a || typeof a.action !== 'string' || !a.action)
				problems.push(`actions[${i}].action is missing`);
			if (!a || !AUDIT_ACTION_STATUSES.includes(a.status))
				problems.push(`actions[${i}].status is not one of ${AUDIT_ACTION_STATUSES}`);
			if (!a || typeof a.detail !== 'string') problems.push(`actions[${i}].detail is not a string`);
			if (a && (a.status === 'skipped' || a.status === 'failed') && !a.detail)
				problems.push(`actions[${i}] is ${a.status} without a reason`);
			const extra = a
				? Object.keys(a).filter((k) => !['action', 'status', 'detail'].includes(k))
				: [];
			if (extra.length) problems.push(`actions[${i}] has ${extra.join(', ')}`);
		});
		const expected = expectedOutcome(record.actions);
		if (AUDIT_OUTCOMES.includes(record.outcome) && record.outcome !== expected)
			problems.push(`outcome is ${record.outcome} but the actions say ${expected}`);
	}
	return problems;
}

/**
 * What keeps a template from ending each event in one record: it must have one enabled Set node
 * AUDIT_NODE assigning exactly AUDIT_FIELDS; every enabled node a trigger reaches must lead on to it
 * (no branch ends elsewhere); and no output may feed two nodes that both reach it without a Merge
 * between (a parallel fork would write two records for one event). Templates without a Factorial
 * trigger that feeds a node (the nightly reconciliation) are not event templates and are not checked.
 */
function auditStructureProblems(template, packageName) {
	const nodes = (template && Array.isArray(template.nodes) ? template.nodes : []).filter(
		(n) => !n.disabled && n.type !== 'n8n-nodes-base.stickyNote',
	);
	const triggers = nodes.filter(
		(n) =>
			n.type === `${packageName}.factorialTrigger` ||
			n.type === `${packageName}.factorialPollTrigger`,
	);
	// A trigger that feeds nothing handles no event.
	const feeding = triggers.filter((t) =>
		((template.connections || {})[t.name]?.main ?? []).some((branch) => (branch || []).length),
	);
	if (feeding.length === 0) return [];
	const problems = [];
	const audit = nodes.filter((n) => n.name === AUDIT_NODE);
	if (audit.length !== 1 || audit[0].type !== 'n8n-nodes-base.set')
		return [
			`has no enabled Set node "${AUDIT_NODE}" (docs/audit.md): each event must end in one record`,
		];
	const assignments = (audit[0].parameters?.assignments?.assignments ?? []).map((a) => [
		a.name,
		a.type,
	]);
	if (JSON.stringify(assignments) !== JSON.stringify(AUDIT_FIELDS))
		problems.push(
			`node "${AUDIT_NODE}" assigns ${assignments.map(([n]) => n).join(', ')}; the schema is ${AUDIT_FIELDS.map(([n]) => n).join(', ')} (in this order, with these types)`,
		);
	if (audit[0].parameters?.includeOtherFields)
		problems.push(`node "${AUDIT_NODE}" must not include other fields (one schema)`);

	const enabled = new Map(nodes.map((n) => [n.name, n]));
	const outputs = (name) =>
		((template.connections || {})[name]?.main ?? []).map((branch) =>
			(branch || []).map((c) => c.node).filter((t) => enabled.has(t)),
		);
	const reachesAudit = (start, stopAtMerge) => {
		const seen = new Set();
		const walk = (name) => {
			if (name === AUDIT_NODE) return true;
			if (seen.has(name)) return false;
			seen.add(name);
			if (stopAtMerge && enabled.get(name)?.type === 'n8n-nodes-base.merge') return false;
			return outputs(name).some((targets) => targets.some(walk));
		};
		return walk(start);
	};
	const reached = new Set();
	const visit = (name) => {
		if (reached.has(name) || !enabled.has(name)) return;
		reached.add(name);
		for (const targets of outputs(name)) targets.forEach(visit);
	};
	feeding.forEach((t) => visit(t.name));
	for (const name of reached) {
		if (name === AUDIT_NODE) continue;
		if (!reachesAudit(name, false))
			problems.push(`node "${name}" ends a branch without reaching "${AUDIT_NODE}"`);
		for (const targets of outputs(name)) {
			const forks = targets.filter((t) => reachesAudit(t, true));
			if (forks.length > 1)
				problems.push(
					`node "${name}" feeds ${forks.map((t) => `"${t}"`).join(' and ')} in parallel: one event would write ${forks.length} records`,
				);
		}
	}
	if (!reached.has(AUDIT_NODE)) problems.push(`no trigger reaches "${AUDIT_NODE}"`);
	return problems;
}

module.exports = {
	AUDIT_NODE,
	AUDIT_SCHEMA,
	AUDIT_FIELDS,
	AUDIT_ACTION_STATUSES,
	AUDIT_OUTCOMES,
	expectedOutcome,
	auditRecordProblems,
	auditStructureProblems,
};
