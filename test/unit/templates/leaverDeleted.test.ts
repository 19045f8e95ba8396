/**
 * The shipped Leaver on the Poll Trigger's employee.deleted (issue 22): the record is gone, so the branch
 * never reads it from Factorial (that read would fail); the linked user is suspended at once with its
 * pending scheduled changes cancelled (a deleted hire is never activated). The e2e suite runs it in n8n
 * (calendar.e2e.test.ts); here the routing and the settings that decide it are checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Node = { name: string; type: string; parameters: Record<string, unknown> };
type Template = {
	nodes: Node[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const leaver: Template = JSON.parse(
	readFileSync(join(__dirname, '../../../templates/leaver.json'), 'utf8'),
);
const node = (name: string) => leaver.nodes.find((n) => n.name === name) as Node;

/** The If node's condition, run as n8n would for an item (plain JavaScript between {{ }}). */
function condition(ifNode: Node, json: Record<string, unknown>): boolean {
	const conditions = (ifNode.parameters.conditions as { conditions: Array<{ leftValue: string }> })
		.conditions;
	return conditions.every(({ leftValue }) => {
		const body = leftValue.replace(/^=\{\{\s*/, '').replace(/\s*\}\}$/, '');
		return new Function('$json', `return (${body});`)(json) === true;
	});
}

/** Node names reachable from `start` taking `output` of the first If node met, then every output. */
function path(start: string, branch: number): string[] {
	const seen: string[] = [];
	let current: string | undefined = start;
	let first = true;
	while (current && !seen.includes(current)) {
		seen.push(current);
		const outputs: Array<Array<{ node: string }>> = leaver.connections[current]?.main ?? [];
		const isIf: boolean = node(current).type === 'n8n-nodes-base.if';
		const pick: Array<{ node: string }> | undefined = isIf
			? outputs[first ? branch : 0]
			: outputs[0];
		if (isIf) first = false;
		current = pick?.[0]?.node;
	}
	return seen;
}

describe('Leaver: employee.deleted from the Poll Trigger', () => {
	const settingsNext = leaver.connections.Settings.main[0].map((c) => c.node);

	it('routes a deleted record away from Get Employee, to a suspension now with pending changes cancelled', () => {
		expect(settingsNext).toHaveLength(1);
		const router = node(settingsNext[0]);
		expect(router.type).toBe('n8n-nodes-base.if');
		expect(condition(router, { event: 'employee.deleted', employeeId: '7' })).toBe(true);
		expect(condition(router, { event: 'employee.terminated', employeeId: '7' })).toBe(false);

		const deleted = path(router.name, 0);
		expect(deleted).not.toContain('Get Employee');
		expect(deleted).not.toContain('Schedule Suspension 23:59');
		const suspend = deleted.map(node).find((n) => n.parameters.operation === 'suspend');
		expect(suspend?.parameters).toMatchObject({
			resource: 'userState',
			cancelPendingJobs: true,
			user: {
				mode: 'employeeIdentifier',
				value: "={{ $('Factorial Trigger').item.json.employeeId }}",
			},
		});
		expect(deleted[deleted.length - 1]).toBe('Audit Record');
	});

	it('keeps every other event on the terminated path', () => {
		const terminated = path(settingsNext[0], 1);
		expect(terminated.slice(1, 4)).toEqual(['Get Employee', 'Get Location', 'Get JumpCloud User']);
	});

	it('looks the user up with the deleted record’s last-seen work email, never failing when there is none', () => {
		const lookup = path(settingsNext[0], 0)
			.map(node)
			.find((n) => n.parameters.resource === 'user' && n.parameters.operation === 'get');
		expect(lookup?.parameters).toMatchObject({
			ifNotFound: 'outputNotFound',
			checkEmail: "={{ $('Factorial Trigger').item.json.employee?.workEmail ?? '' }}",
		});
	});
});
