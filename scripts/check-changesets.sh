#!/usr/bin/env bash
# CI check: a branch that changes what a published package ships must add a changeset.
#   bash scripts/check-changesets.sh            # against the merge base with origin/main
#   bash scripts/check-changesets.sh <ref>      # against the merge base with <ref>
# Published packages are the packages/* whose package.json is not "private": true. A change
# counts when it touches their src/ other than tests (*.test.ts, *.test-d.ts) and __fixtures__/,
# the same rule as `changedFilePatterns` in .changeset/config.json. Files count once tracked
# (committed or `git add`ed), as `changeset status` sees them. Then `changeset status` (git only,
# no network) checks the changeset files themselves against the same base.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -gt 0 ]]; then
  base_ref="$1"
elif git rev-parse --verify --quiet origin/main >/dev/null; then
  base_ref="origin/main"
else
  echo "check-changesets: skipped: this checkout has no origin/main to compare with (no remote, or it was not fetched); pass a base ref to check against it"
  exit 0
fi
if ! base="$(git merge-base "$base_ref" HEAD)"; then
  echo "check-changesets: no merge base between $base_ref and HEAD (does it exist? in a shallow clone, fetch more history)" >&2
  exit 2
fi

published=()
for manifest in packages/*/package.json; do
  if node -e 'process.exit(require(require("node:path").resolve(process.argv[1])).private === true ? 1 : 0)' "$manifest"; then
    published+=("$(dirname "$manifest")/src/")
  fi
done

changed_sources="$(
  git diff --name-only "$base" -- "${published[@]}" |
    grep -Ev '\.test(-d)?\.ts$|/__fixtures__/' || true
)"
new_changesets="$(
  git diff --name-only --diff-filter=A "$base" -- '.changeset/*.md' |
    grep -v '^\.changeset/README\.md$' || true
)"

echo "check-changesets: comparing with $base_ref (merge base ${base:0:12})"
if [[ -n "$changed_sources" ]]; then
  if [[ -z "$new_changesets" ]]; then
    echo "check-changesets: these published sources changed, but no .changeset/*.md was added:" >&2
    sed 's/^/  /' <<<"$changed_sources" >&2
    echo "Add one with \`pnpm exec changeset\` (see .changeset/README.md) and commit it." >&2
    exit 1
  fi
  echo "check-changesets: $(wc -l <<<"$changed_sources") published source file(s) changed; new changeset(s):"
  sed 's/^/  /' <<<"$new_changesets"
else
  echo "check-changesets: no published source changed"
fi

pnpm exec changeset status --since "$base"
