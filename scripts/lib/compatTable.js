// The README's compatibility table, written from the end-to-end results of the last run
// ($FJ_CACHE/e2e-results/<version>.json, written by test/e2e/run.sh) for the hosts pinned in
// test/e2e/hosts.json. Pure functions; scripts/compatTable.js does the file work.

const START =
	'<!-- compat-table:start (written by scripts/compatTable.js from the last e2e run) -->';
const END = '<!-- compat-table:end -->';

const HEADER = ['n8n', 'Installs', 'Loads', 'End-to-end suite', 'Run on'];

const yesNo = (value) => (value === true ? 'yes' : value === false ? 'no' : '?');

/** The cells of a pinned host's row, from its result object (undefined when it never ran). */
function row(version, result) {
	if (result === undefined) return [version, 'not run yet', '–', '–', '–'];
	const installs = result.installs === false ? 'no' : 'yes';
	const loads =
		result.loads === undefined
			? '–'
			: `${yesNo(result.loads)} (${result.nodes?.length ?? 0} nodes, ${result.credentials?.length ?? 0} credentials)`;
	let suite = '–';
	if (result.suitePassed !== undefined) {
		const counts =
			typeof result.testsPassed === 'number' && typeof result.testsTotal === 'number'
				? `, ${result.testsPassed}/${result.testsTotal}`
				: '';
		const seconds = typeof result.suiteSeconds === 'number' ? ` (${result.suiteSeconds} s)` : '';
		suite = `${result.suitePassed ? 'pass' : 'FAIL'}${counts}${seconds}`;
	}
	const on = [result.ranOn, result.node ? `Node ${result.node}` : undefined]
		.filter(Boolean)
		.join(', ');
	return [version, installs, loads, suite, on || '–'];
}

/** The table (with its markers) for `hosts`, in their order; `results` maps version → result. */
function renderTable(hosts, results) {
	const rows = [HEADER, ...hosts.map((v) => row(v, results[v]))];
	// Padded like Prettier pads Markdown tables, so the source reads as a table too.
	const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
	const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
	return [START, line(HEADER), rule, ...rows.slice(1).map(line), END].join('\n');
}

/** The README with its table replaced; throws when the markers are missing. */
function replaceTable(readme, table) {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
	return readme.slice(0, start) + table + readme.slice(end + END.length);
}

/** The n8n versions the README's table lists, in order (first column, bold marks removed). */
function tableHosts(readme) {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) return [];
	return readme
		.slice(start + START.length, end)
		.split('\n')
		.filter((line) => line.startsWith('|'))
		.slice(2)
		.map((line) => line.split('|')[1].replace(/\*/g, '').trim());
}

module.exports = { START, END, renderTable, replaceTable, tableHosts };
