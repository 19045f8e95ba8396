#!/usr/bin/env node
'use strict';
/**
 * One-command demo (`scripts/run demo`, which installs and builds first): the Factorial and JumpCloud
 * emulators with the seeded demo company, a pinned real n8n with this package installed as a community
 * package, the templates imported with credentials pointing at the emulators, the event-driven ones active.
 * Runs until Ctrl-C, then stops n8n and the emulators.
 *
 * Environment: FJ_DEMO_N8N (host version, default the newest pinned), FJ_DEMO_PORT (default 5678, or a free
 * port when taken), FJ_DEMO_EMPLOYEES (default 300).
 */
require('./ts-register');
const { mkdirSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { join } = require('node:path');

const { PINNED_HOSTS, ensureHost, packPackage } = require('../e2e/lib/host.ts');
const { N8n } = require('../e2e/lib/n8n.ts');
const {
	TEMPLATE_FILES,
	credentialsFor,
	loadTemplate,
	startEmulators,
} = require('../e2e/lib/fixtures.ts');

const EVENT_DRIVEN = ['joiner', 'mover', 'leaver', 'rehire'];

function log(message) {
	process.stdout.write(`${message}\n`);
}

async function portIsFree(port) {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function main() {
	const version = process.env.FJ_DEMO_N8N || PINNED_HOSTS[PINNED_HOSTS.length - 1];
	const employees = Number(process.env.FJ_DEMO_EMPLOYEES || 300);
	const cache =
		process.env.FJ_CACHE ||
		join(require('node:os').homedir(), '.cache', 'n8n-nodes-factorial-jumpcloud');
	const demoDir = join(cache, 'demo');
	mkdirSync(demoDir, { recursive: true });

	log(`demo: n8n ${version} (installed into ${cache} on first use; that takes a few minutes once)`);
	const host = ensureHost(version);

	const packDir = join(demoDir, 'pack');
	rmSync(packDir, { recursive: true, force: true });
	const tarball = packPackage(packDir);

	const emulators = await startEmulators(
		{ seed: 'demo', employees },
		// An org mostly in sync with the company (a few drifts), with one group per Factorial team.
		{ seed: 'demo', mirror: { employees } },
	);
	// A persistent user folder keeps the owner account and executions between demo runs.
	const n8n = new N8n(host, { userFolder: join(demoDir, `n8n-${version}`) });
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		log('\ndemo: stopping n8n and the emulators');
		await n8n.stop().catch(() => undefined);
		await emulators.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		n8n.installPackage(tarball);
		await n8n.importCredentials(credentialsFor(emulators));
		// The templates name their credentials with a null id: import:workflow binds each node to the one
		// credential of that name and type (docs/reference/n8n-template-import.md), as the editor does.
		const templates = TEMPLATE_FILES.map((name) => loadTemplate(name));
		await n8n.importWorkflows(templates);
		const active = templates.filter((_, i) => EVENT_DRIVEN.includes(TEMPLATE_FILES[i]));
		await n8n.activate(active.map((t) => t.id));
		const wanted = Number(process.env.FJ_DEMO_PORT || 5678);
		const port = (await portIsFree(wanted)) ? wanted : undefined;
		await n8n.start({ N8N_LOG_LEVEL: 'info' }, 180_000, port);
	} catch (error) {
		log(`demo: failed: ${error instanceof Error ? error.message : String(error)}`);
		await stop(1);
		return;
	}

	const factorial = emulators.factorial;
	const hireExample = JSON.stringify({
		first_name: 'Zoë',
		last_name: 'Øster',
		email: 'zoe.oster@demo-company.example',
		team_id: '1',
		location_id: '2',
		job_title: 'Engineer',
		contract_starts_on: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
	});
	log('');
	log(`  n8n editor        ${n8n.baseUrl}/   (first visit: create the owner account)`);
	log(`  n8n user folder   ${n8n.userFolder}`);
	log(`  Factorial (emu)   ${factorial.url}   ${employees} employees, API key ${factorial.apiKey}`);
	log(
		`  JumpCloud (emu)   ${emulators.jumpCloud.url}   ${emulators.jumpCloud.users().length} users, ${emulators.jumpCloud.groups().length} groups`,
	);
	log(`  package           ${tarball.split('/').pop()} installed in ${n8n.userFolder}/.n8n/nodes`);
	log(
		'  credentials       "Factorial account", "JumpCloud account" (pointing at the emulators), "Sync policy" (empty)',
	);
	for (const [i, name] of TEMPLATE_FILES.entries()) {
		log(
			`  workflow          ${loadTemplate(name).name}${EVENT_DRIVEN.includes(TEMPLATE_FILES[i]) ? '  [active]' : '  [run it from the editor; dry run on]'}`,
		);
	}
	log(
		`  webhooks          ${factorial.subscriptions().length} Factorial subscriptions point at n8n`,
	);
	log('');
	log(
		'Hire someone in Factorial and watch the Joiner run (Executions tab), then look the user up in JumpCloud:',
	);
	log(
		`  curl -s -X POST ${factorial.url}/__emulator/employees -H 'content-type: application/json' -d '${hireExample}'`,
	);
	log(
		`  curl -s '${emulators.jumpCloud.url}/api/systemusers?filter=email:$eq:zoe.oster@demo-company.example' -H 'x-api-key: ${emulators.jumpCloud.apiKey}'`,
	);
	log('');
	log('Ctrl-C stops everything.');
}

main().catch((error) => {
	process.stderr.write(`demo: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
