#!/usr/bin/env bash
# Installs Debian's Chromium for the test that renders the eval HTML report headless, unless it
# is already there. Root only (apt-get); the test itself fails with a clear message without it.
set -euo pipefail
if command -v chromium >/dev/null; then
  command -v chromium
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-chromium: run as root (apt-get install chromium)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium
command -v chromium
