#!/usr/bin/env bash
# Builds the Jaeger v2 binary the end-to-end tests run as collector and as trace store.
# Idempotent: prints the cached binary's path if it already exists. Needs Go and the Go module
# proxy only (no Docker). `go install …@version` cannot build Jaeger (its go.mod has replace
# directives), hence the tools module in tools/jaeger.
set -euo pipefail

JAEGER_MODULE_VERSION="v1.76.0" # Jaeger 2.13.0
cache_dir="${MODELPOLICY_CACHE:-$HOME/.cache/modelpolicy}"
binary="$cache_dir/bin/jaeger-$JAEGER_MODULE_VERSION"

if [[ -x "$binary" ]]; then
  echo "$binary"
  exit 0
fi

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v go >/dev/null || { echo "build-jaeger: Go is required (go.dev/dl)" >&2; exit 1; }

mkdir -p "$cache_dir/bin"
echo "build-jaeger: building Jaeger $JAEGER_MODULE_VERSION (takes a few minutes)..." >&2
tmp="$binary.tmp.$$"
trap 'rm -f "$tmp"' EXIT
(cd "$repo_root/tools/jaeger" && go build -o "$tmp" github.com/jaegertracing/jaeger/cmd/jaeger)
mv "$tmp" "$binary"
echo "$binary"
