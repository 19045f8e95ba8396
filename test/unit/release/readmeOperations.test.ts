import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Factorial } from '../../../nodes/Factorial/Factorial.node';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';

// The operations tables (docs/operations.md, linked from the README) are what admins read before
// installing: every resource and operation the node offers must have a row (issue 2/3 "README's
// operations table covers the node"; the tables moved out of the README in issue 15).
const readme = readFileSync(join(__dirname, '../../../docs/operations.md'), 'utf8');

function section(name: string): string {
	const start = readme.indexOf(`<!-- section:${name} -->`);
	const end = readme.indexOf(`<!-- /section:${name} -->`);
	expect(start).toBeGreaterThanOrEqual(0);
	return readme.slice(start, end);
}

/** Resource display name -> operation names listed in the table (cells like "Get / Get Many"). */
function tableRows(text: string): Map<string, Set<string>> {
	const rows = new Map<string, Set<string>>();
	for (const line of text.split('\n')) {
		const cells = line.split('|').map((c) => c.trim());
		if (cells.length < 4 || cells[1] === 'Resource' || cells[1].startsWith('---')) continue;
		const ops = rows.get(cells[1]) ?? new Set<string>();
		for (const op of cells[2].split(' / ')) ops.add(op.trim());
		rows.set(cells[1], ops);
	}
	return rows;
}

function nodeOperations(properties: INodeProperties[]): Array<[string, string]> {
	const resources = properties.find((p) => p.name === 'resource')
		?.options as INodePropertyOptions[];
	const pairs: Array<[string, string]> = [];
	for (const resource of resources) {
		for (const prop of properties) {
			if (
				prop.name !== 'operation' ||
				!prop.displayOptions?.show?.resource?.includes(resource.value)
			)
				continue;
			for (const op of prop.options as INodePropertyOptions[]) pairs.push([resource.name, op.name]);
		}
	}
	return pairs;
}

describe('operations tables (docs/operations.md)', () => {
	it.each([
		['operations-jumpcloud', new JumpCloud().description.properties],
		['operations-factorial', new Factorial().description.properties],
	])('%s lists every resource and operation of the node', (name, properties) => {
		const rows = tableRows(section(name));
		const pairs = nodeOperations(properties);
		expect(pairs.length).toBeGreaterThan(10);
		const missing = pairs.filter(([resource, op]) => !rows.get(resource)?.has(op));
		expect(missing).toEqual([]);
	});
});
