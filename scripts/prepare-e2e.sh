#!/usr/bin/env bash
# Makes sure the end-to-end tests can run: the Jaeger v2 binary (built once from the Go module
# proxy, cached), Debian's prometheus, Debian's chromium (the eval HTML report test) and Debian's
# redis-server (@modelpolicy/redis), and llama.cpp's Python server with SmolLM2-135M (the real-model lane;
# compiled once, ~6-10 min, then cached).
# Idempotent and quiet when all are there; run by `pnpm test` before the suite so a fresh
# checkout needs no extra step.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-jaeger.sh >/dev/null
bash scripts/install-llama-server.sh >/dev/null
for tool in prometheus chromium redis; do
  command_name="$tool"
  [[ "$tool" == redis ]] && command_name=redis-server
  if ! command -v "$command_name" >/dev/null; then
    if [[ "$(id -u)" -eq 0 ]]; then
      bash "scripts/install-$tool.sh" >/dev/null
    else
      echo "prepare-e2e: $command_name is missing; install it with: sudo bash scripts/install-$tool.sh" >&2
      exit 1
    fi
  fi
done
