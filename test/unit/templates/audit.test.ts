/**
 * Issue 16: each HR event ends in one audit record of one schema (docs/audit.md). The shipped event
 * templates are checked here for the shape that guarantees it; the e2e suite (test/e2e/audit) runs them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	AUDIT_FIELDS,
	AUDIT_NODE,
	AUDIT_SCHEMA,
	auditRecordProblems,
	auditStructureProblems,
} from '../../../scripts/lib/audit';

const PACKAGE = 'n8n-nodes-factorial-jumpcloud';
type Template = {
	nodes: Array<Record<string, unknown> & { name: string; type: string }>;
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	>;
};
const template = (name: string): Template =>
	JSON.parse(readFileSync(join(__dirname, '../../../templates', `${name}.json`), 'utf8'));
const to = (...names: string[]) => names.map((node) => ({ node, type: 'main', index: 0 }));

const record = () => ({
	schema: AUDIT_SCHEMA,
	at: '2026-05-04T09:00:00.000Z',
	workflow: 'Factorial → JumpCloud: Leaver',
	executionId: '42',
	event: 'employee.terminated',
	source: 'webhook',
	receivedAt: '2026-05-04T08:59:59.000Z',
	employeeId: '7',
	employeeName: 'Lena Fischer',
	authorId: '3',
	authorType: 'company',
	jumpCloudUserId: '64a0',
	jumpCloudUsername: 'lena.fischer',
	outcome: 'done',
	actions: [{ action: 'scheduleSuspension', status: 'done', detail: 'at 2026-05-10T23:59' }],
	summary: 'Leaver: Lena Fischer (7) terminated on 2026-05-10 by company 3',
	dryRun: false,
	wouldSend: [],
});

describe('the shipped event templates', () => {
	it.each(['joiner', 'leaver', 'mover', 'rehire'])(
		'%s ends every branch in the one "Audit Record" node, with no parallel fork before it',
		(name) => {
			const t = template(name);
			expect(auditStructureProblems(t, PACKAGE)).toEqual([]);
			const audit = t.nodes.filter((n) => n.name === AUDIT_NODE);
			expect(audit).toHaveLength(1);
		},
	);

	it('the nightly reconciliation (no Factorial trigger, so no event check) writes records of the same schema', () => {
		const t = template('nightly-reconciliation');
		expect(t.nodes.filter((n) => /factorial(Poll)?Trigger$/.test(n.type))).toEqual([]);
		const audit = t.nodes.filter((n) => n.name === AUDIT_NODE && !n.disabled);
		expect(audit).toHaveLength(1);
		expect(audit[0].type).toBe('n8n-nodes-base.set');
		const parameters = audit[0].parameters as {
			includeOtherFields?: boolean;
			assignments: { assignments: Array<{ name: string; type: string }> };
		};
		expect(parameters.assignments.assignments.map((a) => [a.name, a.type])).toEqual(AUDIT_FIELDS);
		expect(parameters.includeOtherFields ?? false).toBe(false);
	});

	it('the Joiner carries the example destination, disabled', () => {
		const example = template('joiner').nodes.filter((n) => n.type === 'n8n-nodes-base.dataTable');
		expect(example).toHaveLength(1);
		expect(example[0].disabled).toBe(true);
		expect(template('joiner').connections[AUDIT_NODE].main[0]).toEqual(to(example[0].name));
	});
});

describe('auditStructureProblems', () => {
	it('reports a template without the record', () => {
		const t = template('leaver');
		t.nodes = t.nodes.filter((n) => n.name !== AUDIT_NODE);
		expect(auditStructureProblems(t, PACKAGE)).toEqual([
			expect.stringContaining(`has no enabled Set node "${AUDIT_NODE}"`),
		]);
	});

	it('reports a branch that ends before the record', () => {
		const t = template('leaver');
		delete t.connections['Schedule Suspension 23:59'];
		expect(auditStructureProblems(t, PACKAGE)).toEqual([
			'node "Schedule Suspension 23:59" ends a branch without reaching "Audit Record"',
		]);
	});

	it('reports a parallel fork that would write two records for one event (the Joiner as it was)', () => {
		const t = template('joiner');
		t.connections['Create Staged User'] = { main: [to('Starts Later?', 'Has Team?')] };
		t.connections['Add to Team Group'] = { main: [to(AUDIT_NODE)] };
		t.connections['Has Team?'] = { main: [to('Add to Team Group'), to(AUDIT_NODE)] };
		expect(auditStructureProblems(t, PACKAGE)).toEqual([
			expect.stringContaining(
				'node "Create Staged User" feeds "Starts Later?" and "Has Team?" in parallel',
			),
		]);
	});

	it('accepts a fork that joins again in a Merge before the record (the Mover)', () => {
		const t = template('mover');
		expect(t.connections['Settings'].main[0]).toHaveLength(2);
		expect(auditStructureProblems(t, PACKAGE)).toEqual([]);
	});

	it('reports a record node that assigns other fields than the schema', () => {
		const t = template('mover');
		const audit = t.nodes.find((n) => n.name === AUDIT_NODE) as unknown as {
			parameters: { assignments: { assignments: Array<{ name: string }> } };
		};
		audit.parameters.assignments.assignments.pop();
		expect(auditStructureProblems(t, PACKAGE)).toEqual([
			expect.stringContaining(`node "${AUDIT_NODE}" assigns`),
		]);
	});
});

describe('auditRecordProblems', () => {
	it('accepts a record of the schema', () => {
		expect(auditRecordProblems(record())).toEqual([]);
		expect(Object.keys(record())).toEqual(AUDIT_FIELDS.map(([name]) => name));
	});

	it('reports a missing field, an unknown field and a wrong type', () => {
		const { summary: _summary, ...missing } = record();
		expect(auditRecordProblems(missing)).toEqual(['summary is not a string']);
		expect(auditRecordProblems({ ...record(), extra: 1 })).toEqual([
			'extra is not a field of the schema',
		]);
		expect(auditRecordProblems({ ...record(), employeeId: 7 })).toEqual([
			'employeeId is not a string',
		]);
	});

	it('audit/2: a dry run record says so and lists the writes it did not send', () => {
		const dry = {
			...record(),
			outcome: 'skipped',
			actions: [{ action: 'suspendNow', status: 'skipped', detail: 'dry run, nothing written: …' }],
			dryRun: true,
			wouldSend: [{ node: 'Suspend User', method: 'PUT', path: '/api/systemusers/64a0' }],
		};
		expect(AUDIT_SCHEMA).toBe('factorial-jumpcloud.audit/2');
		expect(auditRecordProblems(dry)).toEqual([]);
		expect(auditRecordProblems({ ...dry, dryRun: 'true' })).toEqual(['dryRun is not a boolean']);
		expect(auditRecordProblems({ ...dry, wouldSend: undefined })).toEqual([
			'wouldSend is not an array',
		]);
	});

	it('reports a skipped action without a reason and an outcome that disagrees with the actions', () => {
		const skipped = {
			...record(),
			actions: [{ action: 'createUser', status: 'skipped', detail: '' }],
		};
		expect(auditRecordProblems(skipped)).toEqual([
			'actions[0] is skipped without a reason',
			'outcome is done but the actions say skipped',
		]);
		expect(auditRecordProblems({ ...record(), outcome: 'skipped' })).toEqual([
			'outcome is skipped but the actions say done',
		]);
	});
});
