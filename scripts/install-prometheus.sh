#!/usr/bin/env bash
# Installs Prometheus for the end-to-end tests from Debian (apt-get, as root) unless one is
# already on PATH. Tests start it themselves on loopback, so the Debian service must not start:
# if no policy-rc.d exists, one that forbids service starts is put in place during the install.
set -euo pipefail

if command -v prometheus >/dev/null; then
  command -v prometheus
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-prometheus: run as root (apt-get install prometheus)" >&2
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
apt-get install -y -q --no-install-recommends prometheus

# Debian enables the unit for the next boot; tests never want it.
if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
  systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
command -v prometheus
