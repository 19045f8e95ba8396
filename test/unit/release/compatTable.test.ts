import {
	END,
	START,
	renderTable,
	replaceTable,
	tableHosts,
} from '../../../scripts/lib/compatTable';
import { readRepoFile } from '../../../scripts/lib/repoFiles';

const hosts = JSON.parse(readRepoFile('test/e2e/hosts.json')) as string[];

describe("README's compatibility table", () => {
	it('lists exactly the hosts pinned in test/e2e/hosts.json, in their order', () => {
		expect(tableHosts(readRepoFile('README.md'))).toEqual(hosts);
	});

	it('is what scripts/compatTable.js writes: one row per pinned host, from that host’s last results', () => {
		const table = renderTable(['1.123.81', '2.41.1', '9.9.9'], {
			'1.123.81': {
				installs: true,
				loads: true,
				nodes: ['a', 'b', 'c', 'd', 'e'],
				credentials: ['w', 'x', 'y', 'z'],
				suitePassed: true,
				testsPassed: 48,
				testsTotal: 48,
				suiteSeconds: 900,
				ranOn: '2026-12-07',
				node: '24.21.0',
			},
			'2.41.1': { installs: true, loads: true, nodes: [], credentials: [], suitePassed: false },
		});
		const rows = table.split('\n').slice(3, -1);
		expect(rows[0]).toMatch(
			/^\| 1\.123\.81 +\| yes +\| yes \(5 nodes, 4 credentials\) +\| pass, 48\/48 \(900 s\) +\| 2026-12-07, Node 24\.21\.0 \|$/,
		);
		expect(rows[1]).toMatch(/^\| 2\.41\.1 .*\| FAIL +\|/);
		expect(rows[2]).toMatch(/^\| 9\.9\.9 +\| not run yet/);
		expect(tableHosts(`intro\n${table}\nafter`)).toEqual(['1.123.81', '2.41.1', '9.9.9']);
	});

	it('replaces only what lies between its markers', () => {
		const readme = `# T\n\ntext\n${START}\n| old |\n${END}\nmore\n`;
		const table = renderTable(['1.0.0'], {});
		const once = replaceTable(readme, table);
		expect(once).toBe(`# T\n\ntext\n${table}\nmore\n`);
		expect(replaceTable(once, table)).toBe(once);
		expect(() => replaceTable('# no markers', table)).toThrow(/compat-table/);
	});
});
