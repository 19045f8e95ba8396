#!/usr/bin/env bash
# Makes sure a Redis server from Debian's packages is installed (queue mode needs one); prints its path.
# CI starts clean, so the queue-mode e2e test calls this itself. Waits for another apt/dpkg run to finish.
set -euo pipefail
if ! command -v redis-server >/dev/null 2>&1; then
	echo "queue: installing redis-server from Debian packages" >&2
	sudo_cmd=""
	if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends redis-server >&2 ||
		{ $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update >&2 && $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends redis-server >&2; }
fi
command -v redis-server
