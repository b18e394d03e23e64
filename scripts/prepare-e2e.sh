#!/usr/bin/env bash
# Makes sure the end-to-end tests can run: the Jaeger v2 binary (built once from the Go module
# proxy, cached), Debian's prometheus, and Debian's chromium (the eval HTML report test).
# Idempotent and quiet when all are there; run by `pnpm test` before the suite so a fresh
# checkout needs no extra step.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-jaeger.sh >/dev/null
for tool in prometheus chromium; do
  if ! command -v "$tool" >/dev/null; then
    if [[ "$(id -u)" -eq 0 ]]; then
      bash "scripts/install-$tool.sh" >/dev/null
    else
      echo "prepare-e2e: $tool is missing; install it with: sudo bash scripts/install-$tool.sh" >&2
      exit 1
    fi
  fi
done
