#!/usr/bin/env bash
# Makes sure a PostgreSQL server from Debian's packages is installed (n8n requires Postgres in queue mode and
# recommends it for production); prints the folder holding its server binaries (initdb, postgres, psql).
# CI starts clean, so the Postgres queue-mode e2e test calls this itself. Waits for another apt/dpkg run.
set -euo pipefail
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
	echo "queue: installing postgresql from Debian packages" >&2
	sudo_cmd=""
	if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends postgresql >&2 ||
		{ $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update >&2 && $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends postgresql >&2; }
	bin="$(find_bin)"
fi
[ -x "$bin/initdb" ] || { echo "queue: no PostgreSQL server binaries found" >&2; exit 1; }
echo "$bin"
