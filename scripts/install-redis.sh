#!/usr/bin/env bash
# Installs redis-server for the end-to-end tests of @modelpolicy/redis from Debian (apt-get, as
# root) unless one is already on PATH. Tests start their own servers on free loopback ports
# without persistence, so the Debian service must not start: if no policy-rc.d exists, one that
# forbids service starts is put in place during the install.
set -euo pipefail

if command -v redis-server >/dev/null; then
  command -v redis-server
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-redis: run as root (apt-get install redis-server)" >&2
  exit 1
fi

policy=/usr/sbin/policy-rc.d
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends redis-server

# Debian enables the unit for the next boot; tests never want it.
if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
  systemctl disable --now redis-server >/dev/null 2>&1 || true
fi
command -v redis-server
