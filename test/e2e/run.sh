#!/usr/bin/env bash
# The real-n8n end-to-end suite and compatibility matrix. For every pinned host (test/e2e/hosts.json, or
# FJ_E2E_HOSTS="1.123.81 2.15.1"), installs n8n into the cache (test/e2e/host.sh, reused when present),
# installs the packed package into fresh user folders the way n8n's community-package installer does, and
# runs test/e2e/**/*.e2e.test.ts against the emulators. Extra arguments go to jest (e.g. a test path).
# Results per host are written in this run's scratch folder and a summary is printed at the end; a run of
# every pinned host and every file then publishes them to $FJ_CACHE/e2e-results/<version>.json, so a partial
# or concurrent run never overwrites what the README's compatibility table reports.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh
# Only host.sh builds native addons (it sources the toolchain again); elsewhere npm 11 warns about nodedir.
unset npm_config_nodedir

hosts="${FJ_E2E_HOSTS:-$(node -p 'require("./test/e2e/hosts.json").join(" ")')}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/fj-e2e-pack.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
results="$scratch/e2e-results"
mkdir -p "$results"

# scripts/run builds before calling us; by hand, build when dist/ is missing.
[ -d dist/nodes ] || npm run build --silent
tgz="$(npm pack --silent --pack-destination "$scratch" | tail -n 1)"
export FJ_PACKAGE_TGZ="$scratch/$tgz"
echo "e2e: packed $(basename "$FJ_PACKAGE_TGZ") ($(du -k "$FJ_PACKAGE_TGZ" | cut -f1) kB); hosts: $hosts"

failed=()
for version in $hosts; do
	t0=$(date +%s)
	if ! dir="$(bash test/e2e/host.sh "$version")"; then
		echo "{\"n8n\":\"$version\",\"installs\":false}" >"$results/$version.json"
		failed+=("$version (install)")
		continue
	fi
	t1=$(date +%s)
	echo "e2e: n8n $version ready in $((t1 - t0))s ($dir)"
	rm -f "$results/$version.json"
	status=0
	FJ_N8N_VERSION="$version" FJ_N8N_DIR="$dir" FJ_E2E_RESULTS="$results" \
		npx jest --config test/e2e/jest.config.js --ci --json --outputFile="$scratch/jest-$version.json" "$@" ||
		status=$?
	t2=$(date +%s)
	node -e '
		const [file, version, status, install, suite, jestFile] = process.argv.slice(1);
		const fs = require("fs");
		const r = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { n8n: version };
		const jest = fs.existsSync(jestFile) ? JSON.parse(fs.readFileSync(jestFile, "utf8")) : {};
		Object.assign(r, {
			installs: true, suitePassed: status === "0", hostReadySeconds: +install, suiteSeconds: +suite,
			testsPassed: jest.numPassedTests, testsTotal: jest.numTotalTests, ranOn: new Date().toISOString().slice(0, 10),
		});
		fs.writeFileSync(file, JSON.stringify(r, null, 2) + "\n");
	' "$results/$version.json" "$version" "$status" "$((t1 - t0))" "$((t2 - t1))" "$scratch/jest-$version.json"
	[ "$status" = 0 ] || failed+=("$version")
done

echo
echo "e2e compatibility matrix:"
for version in $hosts; do
	node -e '
		const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		const ok = (b) => (b ? "yes" : "NO");
		console.log(`  n8n ${r.n8n.padEnd(9)} node ${r.node ?? "?"}  installs ${ok(r.installs)}  loads ${ok(r.loads)}` +
			`  nodes ${r.nodes?.length ?? 0}  credentials ${r.credentials?.length ?? 0}  suite ${ok(r.suitePassed)}` +
			(r.testsTotal !== undefined ? ` ${r.testsPassed}/${r.testsTotal}` : "") +
			(r.suiteSeconds !== undefined ? ` (${r.suiteSeconds}s)` : ""));
	' "$results/$version.json" || true
done
# A run of every pinned host and every test file is what the README's compatibility table reports.
if [ -z "${FJ_E2E_HOSTS:-}" ] && [ $# -eq 0 ]; then
	mkdir -p "$FJ_CACHE/e2e-results"
	cp "$results"/*.json "$FJ_CACHE/e2e-results/"
	node scripts/compatTable.js
fi
if [ ${#failed[@]} -gt 0 ]; then
	echo "e2e: FAILED on: ${failed[*]}" >&2
	exit 1
fi
