#!/usr/bin/env bash
# The browser check: headless Chromium (Debian's package, installed here when missing) against a real
# n8n (the first pinned host of test/e2e/hosts.json, or FJ_N8N_VERSION) with the packed package, driven
# by playwright-core. Screenshots land in test-results/browser/; FJ_BROWSER_UPDATE_DOCS=1 also refreshes
# the hand-picked ones in docs/screenshots/. Extra arguments go to jest (e.g. -t 'credential forms').
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/toolchain.sh

if [ ! -x "${FJ_CHROMIUM:-/usr/bin/chromium}" ]; then
	echo "browser: installing Debian's chromium" >&2
	sudo_cmd=""
	[ "$(id -u)" = 0 ] || sudo_cmd="sudo"
	$sudo_cmd apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

scratch="$(mktemp -d "${TMPDIR:-/tmp}/fj-browser-pack.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
# scripts/run builds before calling us; by hand, build when dist/ is missing.
[ -d dist/nodes ] || npm run build --silent
if [ -z "${FJ_PACKAGE_TGZ:-}" ] || [ ! -f "$FJ_PACKAGE_TGZ" ]; then
	FJ_PACKAGE_TGZ="$scratch/$(npm pack --silent --pack-destination "$scratch" | tail -n 1)"
	export FJ_PACKAGE_TGZ
fi
version="${FJ_N8N_VERSION:-$(node -p 'require("./test/e2e/hosts.json")[0]')}"
FJ_N8N_DIR="$(bash test/e2e/host.sh "$version")"
export FJ_N8N_VERSION="$version" FJ_N8N_DIR
echo "browser: $(/usr/bin/env "${FJ_CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | head -n 1) against n8n $version"
npx jest --config test/browser/jest.config.js --ci "$@"
