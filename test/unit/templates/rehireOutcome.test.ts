/**
 * The shipped Rehire's audit outcome, evaluated as n8n would (plain JavaScript between {{ }}): a hire
 * unterminated before the start date keeps its staged user and gets its 09:00 activation scheduled
 * again, which is an action done, not a skipped event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Node = { name: string; parameters: Record<string, unknown> };
const rehire: { nodes: Node[] } = JSON.parse(
	readFileSync(join(__dirname, '../../../templates/rehire.json'), 'utf8'),
);
const assignments = (
	rehire.nodes.find((n) => n.name === 'Audit Record')?.parameters.assignments as {
		assignments: Array<{ name: string; value: string }>;
	}
).assignments;
const outcomeBody = (assignments.find((a) => a.name === 'outcome')?.value ?? '')
	.replace(/^=\{\{\s*/, '')
	.replace(/\s*\}\}$/, '');

/** The outcome for a run in which `ran` are the nodes that executed (with their item) and `prev` came last. */
function outcome(prev: string, ran: Record<string, Record<string, unknown>>): unknown {
	const $ = (name: string) => {
		if (!(name in ran)) throw new Error(`node "${name}" has not run`);
		return { item: { json: ran[name] }, first: () => ({ json: ran[name] }), isExecuted: true };
	};
	return new Function('$', '$prevNode', `return (${outcomeBody});`)($, { name: prev });
}

describe('Rehire: audit outcome', () => {
	const live = { Settings: { dryRun: false } };
	const noPending = { 'Get Scheduled Changes': {} };

	it('a staged hire whose activation is scheduled again: done', () => {
		expect(
			outcome('Schedule Activation 09:00', {
				...live,
				...noPending,
				'Reactivate User': { staged: true },
				'Schedule Activation 09:00': { scheduled: true },
			}),
		).toBe('done');
	});

	it('a staged hire with nothing scheduled and nothing cancelled: skipped', () => {
		expect(
			outcome('Staged, Starts Later?', {
				...live,
				...noPending,
				'Reactivate User': { staged: true },
			}),
		).toBe('skipped');
	});

	it('a reactivation is done, and a dry run reports it as skipped', () => {
		const ran = { ...noPending, 'Reactivate User': { staged: false } };
		expect(outcome('Staged, Starts Later?', { ...live, ...ran })).toBe('done');
		expect(outcome('Staged, Starts Later?', { Settings: { dryRun: true }, ...ran })).toBe(
			'skipped',
		);
	});
});
