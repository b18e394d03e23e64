#!/usr/bin/env bash
# Makes sure the end-to-end tests can run: the Jaeger v2 binary (built once from the Go module
# proxy, cached) and Debian's prometheus. Idempotent and quiet when both are there; run by
# `pnpm test` before the suite so a fresh checkout needs no extra step.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-jaeger.sh >/dev/null
if ! command -v prometheus >/dev/null; then
  if [[ "$(id -u)" -eq 0 ]]; then
    bash scripts/install-prometheus.sh >/dev/null
  else
    echo "prepare-e2e: prometheus is missing; install it with: sudo bash scripts/install-prometheus.sh" >&2
    exit 1
  fi
fi
