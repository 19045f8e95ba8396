#!/usr/bin/env bash
# Installs a pinned n8n host from the npm registry into the cache outside the repo and prints its
# directory (the n8n binary is <dir>/node_modules/.bin/n8n). Idempotent: a finished install leaves
# a marker and is reused; concurrent callers wait on a lock instead of installing twice.
#   usage: test/e2e/host.sh <n8n-version>
set -euo pipefail
version="${1:?usage: host.sh <n8n-version>}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=../../scripts/toolchain.sh
source "$root/scripts/toolchain.sh"

dir="$FJ_CACHE/n8n-$version"
marker="$dir/.fj-host-complete"
mkdir -p "$FJ_CACHE"

if [ ! -f "$marker" ]; then
	exec 9>"$FJ_CACHE/n8n-$version.lock"
	flock 9
	# Another caller may have finished while we waited for the lock.
	if [ ! -f "$marker" ]; then
		echo "host: installing n8n@$version into $dir (several minutes)" >&2
		start=$(date +%s)
		# A half-done install from an interrupted run is not trusted.
		rm -rf "$dir"
		mkdir -p "$dir"
		# xlsx is a URL dependency of n8n (cdn.sheetjs.com) that registry mirrors cannot serve; the
		# registry's 0.18.5 is API-compatible for what n8n uses.
		cat >"$dir/package.json" <<JSON
{
  "name": "fj-n8n-host-$version",
  "private": true,
  "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
		# From 2.41 n8n depends on @confluentinc/kafka-javascript, whose install script builds librdkafka
		# from sources it downloads (no internet here). Those hosts install without scripts, then build
		# only the native addons n8n itself needs (SQLite, the expression sandbox); Kafka nodes stay off.
		install_args=(--no-audit --no-fund --loglevel=error)
		rebuild=()
		if [ "$(printf '%s\n' 2.41.0 "$version" | sort -V | head -n 1)" = 2.41.0 ]; then
			install_args+=(--ignore-scripts)
			rebuild=(sqlite3 isolated-vm)
		fi
		if ! (cd "$dir" && npm install "${install_args[@]}" >"$dir/install.log" 2>&1 &&
			{ [ ${#rebuild[@]} -eq 0 ] || npm rebuild "${rebuild[@]}" >>"$dir/install.log" 2>&1; }); then
			echo "host: npm install of n8n@$version failed; last lines of $dir/install.log:" >&2
			tail -n 15 "$dir/install.log" >&2
			exit 1
		fi
		if ! "$dir/node_modules/.bin/n8n" --version >/dev/null 2>&1; then
			echo "host: n8n@$version installed but does not start under $(node -v)" >&2
			exit 1
		fi
		echo "n8n@$version node $(node -v) installed in $(( $(date +%s) - start ))s on $(date -u +%FT%TZ)" >"$marker"
		echo "host: $(cat "$marker")" >&2
	fi
	exec 9>&-
fi
echo "$dir"
