#!/usr/bin/env node
'use strict';
/**
 * `npm run contracts [folder]`: lists every call site in nodes/ that talks to Factorial or JumpCloud (method + path)
 * with its entry in test/contracts/<service>.json, and fails on a call without one (or whose path cannot be
 * worked out from the source). Paths are read with the TypeScript parser: literals, templates (an
 * interpolated id becomes a path segment), local constants and imports, conditionals, small helper
 * functions, and parameters traced back to the callers that pass them.
 *
 * Also: the request BODY of every call site whose body is an object literal in the source (or a local
 * const holding one) is checked field by field against the entry's body schema; a body built
 * elsewhere must be driven by a unit test (`drivesSite`, test/contracts/sites.ts) that sends it through
 * the nock or emulator contract check; an undriven one fails the check, with no list of exceptions. Factorial
 * rows carry the API versions the credential offers (each checked by test/contracts/index.ts against
 * its own rules). The credentials (test requests, OAuth2 endpoints and client authentication) and
 * incoming webhook deliveries are checked against the contracts' `outside` entries.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const CREDENTIALS = path.join(ROOT, 'credentials');
// The folder to scan (default nodes/; the tests point it at fixtures) and the tests that drive call sites
// (default test/ for nodes/; none for a fixture unless given as the second argument).
const MAIN = require.main === module;
const NODES = path.resolve((MAIN && process.argv[2]) || path.join(ROOT, 'nodes'));
const TESTS =
	MAIN && process.argv[3]
		? path.resolve(process.argv[3])
		: MAIN && process.argv[2]
			? undefined
			: path.join(ROOT, 'test');

/** Request helpers and the service they talk to; findSystemUsers always searches system users. */
const WRAPPERS = {
	jumpCloudApiRequest: 'jumpcloud',
	jumpCloudApiRequestAllItems: 'jumpcloud',
	factorialApiRequest: 'factorial',
	factorialApiRequestAllItems: 'factorial',
};
const FIXED = {
	findSystemUsers: { service: 'jumpcloud', method: 'POST', path: '/search/systemusers' },
};
const DEFINING = new Set([...Object.keys(WRAPPERS), ...Object.keys(FIXED)]);
const SEGMENT = '{}';
const PLACEHOLDER = '\u0000';

function listFiles(dir) {
	const out = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...listFiles(full));
		else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
	}
	return out;
}

const files = new Map();
function sourceOf(file) {
	if (!files.has(file)) {
		const text = fs.readFileSync(file, 'utf8');
		files.set(file, ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true));
	}
	return files.get(file);
}

function walk(node, visit) {
	visit(node);
	ts.forEachChild(node, (child) => walk(child, visit));
}

function isFunctionLike(node) {
	return (
		ts.isFunctionDeclaration(node) ||
		ts.isFunctionExpression(node) ||
		ts.isArrowFunction(node) ||
		ts.isMethodDeclaration(node)
	);
}

function enclosingFunction(node) {
	for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
	return undefined;
}

function functionName(fn) {
	if (!fn) return undefined;
	if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
	if (fn.parent && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name))
		return fn.parent.name.text;
	return undefined;
}

/** The module file an import specifier points at, or undefined for packages. */
function importTarget(fromFile, specifier) {
	if (!specifier.startsWith('.')) return undefined;
	const base = path.resolve(path.dirname(fromFile), specifier);
	for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')])
		if (fs.existsSync(candidate)) return candidate;
	return undefined;
}

/** Declaration of `name` visible from `node`: a local const, a parameter, a function, or an import. */
function declarationOf(name, node) {
	const sf = node.getSourceFile();
	for (let scope = node.parent; scope; scope = scope.parent) {
		if (isFunctionLike(scope)) {
			// A TypeScript `this` parameter is not an argument.
			const params = scope.parameters.filter(
				(p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'),
			);
			const index = params.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
			if (index >= 0) return { kind: 'param', fn: scope, index, node: params[index] };
		}
		let found;
		ts.forEachChild(scope, (child) => {
			if (found) return;
			if (ts.isVariableStatement(child)) {
				for (const d of child.declarationList.declarations)
					if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer)
						found = { kind: 'value', init: d.initializer };
			} else if (ts.isFunctionDeclaration(child) && child.name?.text === name) {
				found = { kind: 'function', fn: child };
			}
		});
		if (found) return found;
	}
	for (const statement of sf.statements) {
		if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
		const bindings = statement.importClause.namedBindings;
		if (!ts.isNamedImports(bindings)) continue;
		for (const element of bindings.elements) {
			if (element.name.text !== name) continue;
			const target = importTarget(sf.fileName, statement.moduleSpecifier.text);
			if (!target) return undefined;
			const exported = (element.propertyName ?? element.name).text;
			const other = sourceOf(target);
			for (const s of other.statements) {
				if (ts.isVariableStatement(s))
					for (const d of s.declarationList.declarations)
						if (ts.isIdentifier(d.name) && d.name.text === exported && d.initializer)
							return { kind: 'value', init: d.initializer };
				if (ts.isFunctionDeclaration(s) && s.name?.text === exported)
					return { kind: 'function', fn: s };
			}
		}
	}
	return undefined;
}

/**
 * Every string the expression can be, or null when it cannot be worked out. `env` binds the parameters of
 * a helper being evaluated. Parameters of the enclosing function come back as { param } for tracing.
 */
function resolve(expr, env = new Map(), depth = 0) {
	if (depth > 12) return null;
	if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
	if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr))
		return resolve(expr.expression, env, depth + 1);
	if (ts.isConditionalExpression(expr)) {
		const a = resolve(expr.whenTrue, env, depth + 1);
		const b = resolve(expr.whenFalse, env, depth + 1);
		return a && b && !a.param && !b.param ? [...a, ...b] : null;
	}
	if (ts.isTemplateExpression(expr)) {
		let acc = [expr.head.text];
		let needs;
		for (const span of expr.templateSpans) {
			const part = resolve(span.expression, env, depth + 1);
			let options = part && !part.param ? part : [SEGMENT];
			// A parameter used as a whole span (e.g. `${path}/${id}`) is filled in from the callers.
			if (part?.param && ts.isIdentifier(span.expression)) {
				needs = part.param;
				options = [PLACEHOLDER];
			}
			acc = acc.flatMap((prefix) => options.map((o) => `${prefix}${o}${span.literal.text}`));
		}
		if (needs) acc.param = needs;
		return acc;
	}
	if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
		const a = resolve(expr.left, env, depth + 1);
		const b = resolve(expr.right, env, depth + 1);
		if (!a || !b || a.param || b.param) return null;
		return a.flatMap((x) => b.map((y) => x + y));
	}
	if (ts.isIdentifier(expr)) {
		if (env.has(expr.text)) return env.get(expr.text);
		const decl = declarationOf(expr.text, expr);
		if (!decl) return null;
		if (decl.kind === 'value') return resolve(decl.init, new Map(), depth + 1);
		if (decl.kind === 'param') {
			const out = [];
			out.param = decl;
			return out;
		}
		return null;
	}
	if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression)) {
		const decl = declarationOf(expr.expression.text, expr);
		const fn =
			decl?.kind === 'function'
				? decl.fn
				: decl?.kind === 'value' &&
					  (ts.isArrowFunction(decl.init) || ts.isFunctionExpression(decl.init))
					? decl.init
					: undefined;
		if (!fn || !fn.body) return null;
		let returned;
		if (ts.isBlock(fn.body)) {
			const returns = fn.body.statements.filter(ts.isReturnStatement);
			if (returns.length !== 1 || !returns[0].expression) return null;
			returned = returns[0].expression;
		} else returned = fn.body;
		const inner = new Map();
		fn.parameters
			.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'))
			.forEach((p, i) => {
				if (!ts.isIdentifier(p.name)) return;
				const arg = expr.arguments[i] ?? p.initializer;
				const value = arg ? resolve(arg, env, depth + 1) : null;
				inner.set(p.name.text, value && !value.param ? value : [SEGMENT]);
			});
		return resolve(returned, inner, depth + 1);
	}
	return null;
}

/** Calls to the function `name` anywhere in nodes/: `name(...)` or `name.call(ctx, ...)`. */
function callersOf(name) {
	const out = [];
	for (const file of listFiles(NODES)) {
		walk(sourceOf(file), (node) => {
			if (!ts.isCallExpression(node)) return;
			const callee = node.expression;
			if (ts.isIdentifier(callee) && callee.text === name) out.push({ call: node, offset: 0 });
			else if (
				ts.isPropertyAccessExpression(callee) &&
				callee.name.text === 'call' &&
				ts.isIdentifier(callee.expression) &&
				callee.expression.text === name
			)
				out.push({ call: node, offset: 1 });
		});
	}
	return out;
}

/** The values of an argument, following parameters up to the callers that pass them. */
function valuesOf(arg, depth = 0) {
	const r = resolve(arg);
	if (r && !r.param) return [{ values: r, via: [] }];
	// A template around a parameter: the template with each caller's value put in.
	const template = r && r.param && r.length ? [...r] : undefined;
	if (!r || !r.param || depth > 3) return [{ values: null, via: [] }];
	const name = functionName(r.param.fn);
	if (!name) return [{ values: null, via: [] }];
	const callers = callersOf(name);
	if (!callers.length) return [{ values: null, via: [] }];
	return callers.flatMap(({ call, offset }) => {
		const a = call.arguments[r.param.index + offset] ?? r.param.node.initializer;
		if (!a) return [{ values: null, via: [] }];
		return valuesOf(a, depth + 1).map((v) => ({
			values:
				template && v.values
					? template.flatMap((t) => v.values.map((x) => t.split(PLACEHOLDER).join(x)))
					: v.values,
			via: [where(call), ...v.via],
		}));
	});
}

/** Field names of a body argument: an object literal or a local const holding one; null when dynamic. */
function bodyKeys(arg) {
	if (!arg) return [];
	let expr = arg;
	while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) expr = expr.expression;
	if (
		expr.kind === ts.SyntaxKind.UndefinedKeyword ||
		(ts.isIdentifier(expr) && expr.text === 'undefined')
	)
		return [];
	if (ts.isIdentifier(expr)) {
		const decl = declarationOf(expr.text, expr);
		if (decl?.kind !== 'value') return null;
		expr = decl.init;
		while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) expr = expr.expression;
	}
	if (!ts.isObjectLiteralExpression(expr)) return null;
	const keys = [];
	for (const p of expr.properties) {
		if (
			(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
			(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))
		)
			keys.push(p.name.text);
		else return null; // a spread or computed key: not static
	}
	return keys;
}

function where(node) {
	const sf = node.getSourceFile();
	const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
	return `${path.relative(ROOT, sf.fileName)}:${line + 1}`;
}

/** The request-helper calls in one source file, in source order (the helpers' own bodies excluded). */
function requestCalls(sf) {
	const calls = [];
	walk(sf, (node) => {
		if (!ts.isCallExpression(node)) return;
		let callee = node.expression;
		let offset = 0;
		if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'call') {
			callee = callee.expression;
			offset = 1;
		}
		if (!ts.isIdentifier(callee)) return;
		const name = callee.text;
		if (!(name in WRAPPERS) && !(name in FIXED)) return;
		if (DEFINING.has(functionName(enclosingFunction(node)) ?? '')) return;
		calls.push({ node, name, offset });
	});
	return calls;
}

/** The nearest named function around a node (a callback counts as the function it sits in). */
function ownerName(node) {
	for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
		const name =
			functionName(fn) ??
			(fn.parent && ts.isPropertyAssignment(fn.parent) && ts.isIdentifier(fn.parent.name)
				? fn.parent.name.text
				: undefined);
		if (name) return name;
	}
	return 'module';
}

/**
 * Stable ids of a file's call sites, `nodes/<file>.ts#<function>` (with `#2`, `#3` ... when a function
 * has several): tests name the site they drive with it (drivesSite in test/contracts/sites.ts), and
 * unlike a line number it survives edits elsewhere in the file.
 */
function siteIds(sf) {
	const calls = requestCalls(sf);
	const file = path.relative(ROOT, sf.fileName).split(path.sep).join('/');
	const bases = calls.map((c) => `${file}#${ownerName(c.node)}`);
	const seen = new Map();
	return calls.map((c, i) => {
		const n = (seen.get(bases[i]) ?? 0) + 1;
		seen.set(bases[i], n);
		const several = bases.filter((b) => b === bases[i]).length > 1;
		return { ...c, id: several ? `${bases[i]}#${n}` : bases[i] };
	});
}

/** The id of the call site a stack frame at `line` (1-based) of `file` points into, or undefined. */
function siteIdAt(file, line) {
	if (!fs.existsSync(file)) return undefined;
	const sf = sourceOf(file);
	const lineOf = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
	// V8 reports a call at its callee or its opening parenthesis: anywhere up to the first argument.
	return siteIds(sf).find(
		(c) =>
			lineOf(c.node.getStart()) <= line &&
			line <= lineOf(c.node.arguments[0]?.getStart() ?? c.node.getEnd()),
	)?.id;
}

/** Every request call site in nodes/ (the request helpers' own bodies excluded). */
function callSites() {
	const sites = [];
	for (const file of listFiles(NODES)) {
		for (const { node, name, offset, id } of siteIds(sourceOf(file))) {
			if (name in FIXED) {
				const f = FIXED[name];
				sites.push({
					at: where(node),
					via: [],
					service: f.service,
					methods: [f.method],
					paths: [f.path],
					body: null,
					query: null,
					id,
				});
				continue;
			}
			const methodArg = node.arguments[offset];
			const pathArg = node.arguments[offset + 1];
			// factorialApiRequestAllItems takes (method, path, qs); the others (method, path, body, qs).
			const noBody = name === 'factorialApiRequestAllItems';
			const body = noBody ? [] : bodyKeys(node.arguments[offset + 2]);
			const query = bodyKeys(node.arguments[offset + (noBody ? 2 : 3)]);
			const methods = methodArg ? valuesOf(methodArg) : [{ values: null, via: [] }];
			const paths = pathArg ? valuesOf(pathArg) : [{ values: null, via: [] }];
			for (const m of methods)
				for (const p of paths)
					sites.push({
						at: where(node),
						via: [...new Set([...m.via, ...p.via])],
						service: WRAPPERS[name],
						methods: m.values,
						paths: p.values,
						body,
						query,
						id,
					});
		}
	}
	return sites;
}

function loadContract(service) {
	const contract = JSON.parse(
		fs.readFileSync(path.join(ROOT, 'test', 'contracts', `${service}.json`), 'utf8'),
	);
	return contract.operations.map((op) => ({
		op,
		pattern: new RegExp(
			`^${op.path
				.split('/')
				.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
				.join('/')}$`,
		),
	}));
}

/** The versions the Factorial credential offers (nodes/Factorial/constants.ts). */
function factorialVersions() {
	const text = fs.readFileSync(path.join(ROOT, 'nodes', 'Factorial', 'constants.ts'), 'utf8');
	const m = /FACTORIAL_API_VERSIONS = \[([^\]]*)\]/.exec(text);
	return m ? [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]) : [];
}

/** Credential test requests, OAuth2 requests and webhook deliveries against the contracts' `outside`. */
function outsideRows(failures) {
	const rows = [];
	const outside = {
		factorial:
			JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'contracts', 'factorial.json'), 'utf8'))
				.outside ?? [],
		jumpcloud:
			JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'contracts', 'jumpcloud.json'), 'utf8'))
				.outside ?? [],
	};
	const find = (service, test) => outside[service].find(test);
	const add = (service, label, method, p, entry, versions, problem) => {
		rows.push({ ok: !problem, service, method, path: p, entry: entry?.id ?? '-', versions, label });
		if (problem) failures.push(`${label}: ${problem}`);
	};
	if (!fs.existsSync(CREDENTIALS)) return rows;
	for (const file of fs.readdirSync(CREDENTIALS).filter((f) => f.endsWith('.credentials.ts'))) {
		const text = fs.readFileSync(path.join(CREDENTIALS, file), 'utf8');
		const service = file.startsWith('Factorial') ? 'factorial' : 'jumpcloud';
		const versions = service === 'factorial' ? factorialVersions().join(',') : '-';
		const label = path.relative(ROOT, path.join(CREDENTIALS, file));
		const url = /\btest: ICredentialTestRequest = \{[\s\S]*?url: '([^']+)'/.exec(text)?.[1];
		if (url) {
			const e = find(
				service,
				(o) =>
					o.kind === 'credentialTest' && url.replace(/^\//, '').endsWith(o.path.replace(/^\//, '')),
			);
			add(
				service,
				`${label} (test request)`,
				'GET',
				url,
				e,
				versions,
				e
					? undefined
					: `credential test ${url} has no outside entry in test/contracts/${service}.json`,
			);
		}
		if (!/extends = \['oAuth2Api'\]/.test(text)) continue;
		const grant = /name: 'grantType',[\s\S]*?default: '([^']+)'/.exec(text)?.[1];
		const auth = /name: 'authentication',[\s\S]*?default: '([^']+)'/.exec(text)?.[1];
		const kinds =
			grant === 'authorizationCode'
				? ['oauthAuthorize', 'oauthToken', 'oauthRefresh']
				: ['oauthToken'];
		for (const kind of kinds) {
			const e = find(service, (o) => o.kind === kind && (!o.grant || o.grant === grant));
			let problem = e
				? undefined
				: `${grant} ${kind} has no outside entry in test/contracts/${service}.json`;
			if (e?.clientAuth && e.clientAuth !== auth)
				problem = `sends the client credentials as '${auth}' but ${e.id} takes '${e.clientAuth}'`;
			add(
				service,
				`${label} (OAuth2 ${grant})`,
				e?.method ?? '?',
				e?.path ?? '?',
				e,
				kind === 'oauthAuthorize' ? '-' : 'unversioned',
				problem,
			);
		}
	}
	const trigger = path.join(NODES, 'Factorial', 'FactorialTrigger.node.ts');
	if (fs.existsSync(trigger)) {
		const e = find('factorial', (o) => o.kind === 'delivery');
		const text =
			fs.readFileSync(trigger, 'utf8') +
			fs
				.readdirSync(path.join(NODES, 'Factorial', 'trigger'))
				.map((f) => fs.readFileSync(path.join(NODES, 'Factorial', 'trigger', f), 'utf8'))
				.join('\n');
		const header = e?.headers?.[0];
		add(
			'factorial',
			path.relative(ROOT, trigger) + ' (incoming delivery)',
			'POST',
			e?.path ?? '?',
			e,
			factorialVersions().join(','),
			!e
				? 'webhook deliveries have no outside entry'
				: header && !text.includes(header)
					? `the trigger never reads ${header}`
					: undefined,
		);
	}
	return rows;
}

/**
 * The failure for a call site whose body is built at run time and that no test drives. There is no list
 * of exceptions (the pending list of issue 24 was emptied and retired): the test comes with the site.
 */
function undrivenProblem(label, id) {
	return [
		`${label}: the request body is built at run time and no test drives ${id} through the contract check.`,
		`  Fix: add a unit test that runs this call site against nock or the JumpCloud/Factorial emulator inside`,
		`  drivesSite('${id}', () => ...) (test/contracts/sites.ts; the id a string literal, the test not skipped), e.g. in test/unit/contracts/drivenJumpCloud.emulator.test.ts`,
		`  or test/unit/contracts/drivenSites.test.ts; the test fails unless that request passes the vendor contract.`,
		`  A renamed function changes the id: use the id this listing prints. See CONTRIBUTING.md, "The contract check".`,
	].join('\n');
}

function main() {
	const contracts = { factorial: loadContract('factorial'), jumpcloud: loadContract('jumpcloud') };
	const rows = [];
	const failures = [];
	const driven = drivers();
	const sites = callSites();
	for (const id of driven.keys())
		if (!sites.some((s) => s.id === id))
			failures.push(
				`${driven.get(id).join(', ')}: drivesSite('${id}') names no call site (ids are listed by npm run contracts)`,
			);
	for (const site of sites) {
		const label = site.via.length ? `${site.at} (path from ${site.via.join(', ')})` : site.at;
		if (!site.methods || !site.paths) {
			failures.push(
				`${label}: cannot work out the ${site.methods ? 'path' : 'method'} from the source`,
			);
			continue;
		}
		for (const method of site.methods)
			for (const p of site.paths) {
				// Factorial paths are relative to /api/{version}/resources/; an id segment matches {id}.
				const concrete = p.split('?')[0].replace(/\{\}/g, 'x');
				const entry = contracts[site.service].find(
					(c) => c.op.method === method.toUpperCase() && c.pattern.test(concrete),
				);
				let body =
					site.body === null ? 'dynamic' : site.body.length ? `{${site.body.join(',')}}` : '-';
				if (entry && site.body) {
					const allowed = entry.op.body?.properties;
					for (const key of site.body)
						if (!allowed || !(key in allowed)) {
							failures.push(
								`${label}: ${method} ${p} sends body field '${key}' that ${entry.op.id} does not take`,
							);
							body += ` (${key}?)`;
						}
				}
				if (entry && site.query) {
					const allowed = entry.op.query?.properties ?? {};
					for (const key of site.query)
						if (!(key.replace(/\[\]$/, '') in allowed))
							failures.push(
								`${label}: ${method} ${p} sends query parameter '${key}' that ${entry.op.id} does not take`,
							);
				}
				// How the body and query are checked: field by field here, or by a test that sends them.
				let checked = 'static';
				if (site.body === null) {
					const by = driven.get(site.id);
					checked = by
						? `driven by ${by.join(', ')}`
						: TESTS
							? 'UNCHECKED'
							: 'dynamic (no tests folder given)';
					if (!by && TESTS) failures.push(undrivenProblem(label, site.id));
				}
				rows.push({
					label,
					id: site.id,
					checked,
					service: site.service,
					method,
					path: p,
					entry: entry?.op.id,
					versions: site.service === 'factorial' ? factorialVersions().join(',') : '-',
					body,
				});
				if (!entry)
					failures.push(
						`${label}: ${method} ${p} has no entry in test/contracts/${site.service}.json`,
					);
			}
	}
	rows.sort((a, b) => a.label.localeCompare(b.label));
	for (const r of rows)
		process.stdout.write(
			`${r.entry ? 'ok  ' : 'MISS'} ${r.service.padEnd(9)} ${r.method.padEnd(6)} ${r.path.padEnd(48)} ${(r.entry ?? '-').padEnd(32)} ${r.versions.padEnd(32)} ${r.label} body ${r.body} [${r.id}: ${r.checked}]\n`,
		);
	const outside = outsideRows(failures);
	for (const r of outside)
		process.stdout.write(
			`${r.ok ? 'ok  ' : 'MISS'} ${r.service.padEnd(9)} ${r.method.padEnd(6)} ${r.path.padEnd(48)} ${r.entry.padEnd(32)} ${r.versions.padEnd(32)} ${r.label}\n`,
		);
	process.stdout.write(
		`\n${rows.length} calls, ${outside.length} credential/OAuth/delivery requests, ${failures.length} problems\n`,
	);
	if (failures.length) {
		process.stderr.write(`\n${failures.join('\n')}\n`);
		process.exit(1);
	}
}

/** Whether a call sits in a skipped or to-do test (`it.skip`, `describe.skip`, `xit`, `it.todo` ...). */
function inSkippedTest(node) {
	for (let n = node.parent; n; n = n.parent) {
		if (!ts.isCallExpression(n)) continue;
		const callee = n.expression;
		if (ts.isIdentifier(callee) && /^x(it|test|describe)$/.test(callee.text)) return true;
		if (ts.isPropertyAccessExpression(callee) && /^(skip|todo)$/.test(callee.name.text))
			return true;
	}
	return false;
}

/**
 * The call sites each test drives through the contract check: `drivesSite('<site id>', ...)` calls in
 * the test files (test/contracts/sites.ts makes each such test fail unless that site's request reached
 * the nock or emulator contract check and passed it). Read with the TypeScript parser, so a call in a
 * comment or in a skipped test does not count.
 */
function drivers() {
	const out = new Map();
	if (!TESTS || !fs.existsSync(TESTS)) return out;
	const scan = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) scan(full);
			else if (entry.name.endsWith('.test.ts')) {
				const text = fs.readFileSync(full, 'utf8');
				if (!text.includes('drivesSite')) continue;
				const rel = path.relative(ROOT, full).split(path.sep).join('/');
				const sf = ts.createSourceFile(full, text, ts.ScriptTarget.ES2022, true);
				walk(sf, (node) => {
					if (
						!ts.isCallExpression(node) ||
						!ts.isIdentifier(node.expression) ||
						node.expression.text !== 'drivesSite'
					)
						return;
					const [first, second] = node.arguments;
					const arg = first?.kind === ts.SyntaxKind.ThisKeyword ? second : first;
					if (!arg || !(ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) return;
					if (inSkippedTest(node)) return;
					const list = out.get(arg.text) ?? [];
					if (!list.includes(rel)) list.push(rel);
					out.set(arg.text, list);
				});
			}
		}
	};
	scan(TESTS);
	return out;
}

if (MAIN) main();
else module.exports = { callSites, siteIdAt, drivers };
