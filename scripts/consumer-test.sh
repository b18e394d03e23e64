#!/usr/bin/env bash
# Consumer test: do the public packages install and work outside this monorepo, as users get
# them? Packs core, openai, otel, cli, anthropic, ai-sdk and redis, lints the tarballs (publint,
# attw, shipped maps), serves them from a local registry for the @modelpolicy scope only, then
# per lane makes a scratch app in $(mktemp -d) from the templates in consumer-test/, installs
# the tarballs plus that lane's openai and OTel SDK majors with npm or pnpm (peer conflicts fail
# the install: no --legacy-peer-deps, no overrides, pnpm with strict peers), and runs it on that
# lane's Node:
# install tree (one openai, no @duckdb), type check with the app's own typescript, one routed
# call with a fallback through the user's SDK (spans + ledger), startTelemetry() over OTLP.
# The CLI is installed in one lane and runs `modelpolicy --help` and a cost query; the Anthropic
# lane also installs @modelpolicy/anthropic with @anthropic-ai/sdk and routes one call from an
# OpenAI tier that is down to a Claude tier through the app's own Anthropic client. The AI SDK
# lane installs @modelpolicy/ai-sdk with @ai-sdk/openai and @ai-sdk/anthropic and routes the same
# fallback, plus one streamed call on Claude, through the app's own AI SDK providers (one HTTP
# request per attempt). The Redis lane installs @modelpolicy/redis with node-redis, starts
# redis-server (from PATH: scripts/prepare-e2e.sh installs it; the lane fails without it) on a
# free 127.0.0.1 port, routes calls that hit a fleet-wide rpm and a spend budget through two
# replicas' redisStateBackend, checks the keys in Redis, and stops the server.
#
# Builds nothing: run `pnpm exec tsc -b packages/core packages/openai packages/otel packages/cli
# packages/anthropic packages/ai-sdk packages/redis packages/testkit` (or `pnpm build`) first,
# from empty dist folders (CI's fresh checkout): the packaging check fails on a dist file whose
# source was deleted, since the tarball would ship it.
#   bash scripts/consumer-test.sh
#   CONSUMER_TEST_LANES=node24-npm-openai7-sdk3,node22-pnpm-openai7-sdk3 bash scripts/consumer-test.sh
#   CONSUMER_TEST_JOBS=3 (lanes at a time, default 2)   CONSUMER_TEST_KEEP=1 (keep the scratch dirs)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
templates="$repo/consumer-test"
testkit="$repo/packages/testkit/dist/index.js"
packages=(core openai otel cli anthropic ai-sdk redis)
started=$SECONDS

# lane id: node line, package manager, openai line, OTel SDK line, extra ("cli": install the CLI
# too; "anthropic": install @modelpolicy/anthropic and @anthropic-ai/sdk and route to Claude;
# "ai-sdk": install @modelpolicy/ai-sdk and the AI SDK's @ai-sdk/openai and @ai-sdk/anthropic and
# route to Claude through them; "redis": install @modelpolicy/redis and node-redis, start a
# redis-server and route calls that hit a fleet rate limit and a spend budget through it)
lanes=(
  "node24-npm-openai4-sdk2   24 npm  openai4 sdk2 -"
  "node24-npm-openai7-sdk3   24 npm  openai7 sdk3 cli"
  "node24-pnpm-openai4-sdk2  24 pnpm openai4 sdk2 -"
  "node24-pnpm-openai7-sdk3  24 pnpm openai7 sdk3 -"
  "node22-npm-openai7-sdk3   22 npm  openai7 sdk3 -"
  "node22-pnpm-openai7-sdk3  22 pnpm openai7 sdk3 -"
  "node22-npm-openai4-sdk2   22 npm  openai4 sdk2 -"
  "node26-npm-openai7-sdk3   26 npm  openai7 sdk3 -"
  "node26-pnpm-openai7-sdk3  26 pnpm openai7 sdk3 -"
  "node24-npm-anthropic-sdk3 24 npm  openai7 sdk3 anthropic"
  "node24-pnpm-ai-sdk-sdk3   24 pnpm openai7 sdk3 ai-sdk"
  "node22-pnpm-redis-sdk2    22 pnpm openai4 sdk2 redis"
)

declare -A node_bin
for line in 22 24 26; do node_bin[$line]="$(bash "$repo/scripts/install-node.sh" "$line")"; done
# pnpm (the version packageManager names) lives next to the reference Node; npm is the machine's
# own npm-cli.js, run by each lane's Node through PATH.
pnpm_cmd="${node_bin[24]}/pnpm"
[[ -x "$pnpm_cmd" ]] || pnpm_cmd="$(command -v pnpm)"
command -v npm >/dev/null || { echo "consumer-test: npm not found" >&2; exit 1; }

for package in "${packages[@]}"; do
  [[ -f "$repo/packages/$package/dist/index.js" ]] || {
    echo "consumer-test: packages/$package/dist is missing; build first (pnpm build)" >&2
    exit 1
  }
done
[[ -f "$testkit" ]] || { echo "consumer-test: $testkit is missing; build packages/testkit first" >&2; exit 1; }

work="$(mktemp -d -t modelpolicy-consumer-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}" $(jobs -p); do kill "$pid" 2>/dev/null || true; done
  local apps=()
  for dir_file in "$work"/results/*.dir; do [[ -f "$dir_file" ]] && apps+=("$(cat "$dir_file")"); done
  if [[ "${CONSUMER_TEST_KEEP:-}" == 1 ]]; then
    echo "consumer-test: kept $work (logs, tarballs) and ${#apps[@]} scratch app(s): ${apps[*]}"
  else
    # In the background: removing ~10k files per app takes tens of seconds on a busy disk.
    rm -rf "$work" "${apps[@]}" >/dev/null 2>&1 &
  fi
}
trap cleanup EXIT
mkdir -p "$work/tarballs" "$work/unpacked" "$work/results" "$work/logs"

# Reads the first line a background process writes to $1, waiting up to 15 s.
first_line() {
  local file="$1" pid="$2"
  for _ in $(seq 150); do
    if [[ -s "$file" ]] && [[ "$(tail -c 1 "$file")" == "" ]]; then head -n 1 "$file"; return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "consumer-test: no address from process $pid ($file)" >&2
  return 1
}

echo "::: consumer-test: pack and lint ${packages[*]} (work dir $work)"
packaging_log="$work/logs/packaging.log"
packaging="PASS"
packaging_failed=()
(
  export PATH="${node_bin[24]}:$PATH"
  for package in "${packages[@]}"; do
    (cd "$repo/packages/$package" && "$pnpm_cmd" pack --pack-destination "$work/tarballs" >/dev/null)
  done
) >"$packaging_log" 2>&1 || { echo "consumer-test: pnpm pack failed"; cat "$packaging_log"; exit 1; }
for tarball in "$work"/tarballs/*.tgz; do
  name="$(basename "$tarball" .tgz)"
  mkdir -p "$work/unpacked/$name"
  tar -xzf "$tarball" -C "$work/unpacked/$name"
  if ! (
    export PATH="${node_bin[24]}:$PATH"
    cd "$repo"
    "$pnpm_cmd" exec publint run "$tarball" --strict
    "$pnpm_cmd" exec attw "$tarball" --profile esm-only --format ascii --no-color
    node "$templates/check-tarball.mjs" "$work/unpacked/$name/package"
  ) >>"$packaging_log" 2>&1; then
    packaging_failed+=("$name")
    packaging="FAIL (${packaging_failed[*]})"
  fi
done
echo "[packaging] $packaging  ($(cd "$work/tarballs" && ls -1 | tr '\n' ' '))"
[[ "$packaging" == PASS ]] || tail -n 40 "$packaging_log"

"${node_bin[24]}/node" "$templates/registry.mjs" "$work/tarballs" >"$work/registry.url" 2>"$work/logs/registry.log" &
pids+=("$!")
disown "$!" # not a lane: the lane scheduler below counts and waits for jobs
registry="$(first_line "$work/registry.url" "${pids[-1]}")"

# Writes the scratch app's package.json: the tarballs by name, plus the lane's third parties.
write_manifest() {
  local app="$1" openai_line="$2" sdk_line="$3" extra="$4"
  "${node_bin[24]}/node" -e '
    const { readFileSync, writeFileSync } = require("fs");
    const [repo, out, lane, openaiLine, sdkLine, extra] = process.argv.slice(1);
    const versions = JSON.parse(readFileSync(`${repo}/consumer-test/versions.json`, "utf8"));
    const ours = ["core", "openai", "otel", ...(extra === "-" ? [] : [extra])];
    const versionOf = (name) => JSON.parse(readFileSync(`${repo}/packages/${name}/package.json`, "utf8")).version;
    const dependencies = Object.fromEntries(ours.map((name) => [`@modelpolicy/${name}`, versionOf(name)]));
    Object.assign(dependencies, versions.common, versions[openaiLine], versions[sdkLine]);
    const extraVersions = { anthropic: versions.anthropic1, "ai-sdk": versions.aisdk4, redis: versions.redis6 };
    Object.assign(dependencies, extraVersions[extra]);
    const manifest = { name: lane, private: true, type: "module", dependencies };
    writeFileSync(out, JSON.stringify(manifest, null, 2) + "\n");
  ' "$repo" "$app/package.json" "$(basename "$app")" "$openai_line" "$sdk_line" "$extra"
}

# One lane, in its own scratch app; writes "PASS|FAIL <seconds> <failed step>" to results/<id>.
run_lane() {
  local id="$1" line="$2" pm="$3" openai_line="$4" sdk_line="$5" extra="$6"
  local lane_start=$SECONDS log="$work/logs/$id.log" rc=0 app
  app="$(mktemp -d -t "consumer-$id-XXXXXX")"
  echo "$app" >"$work/results/$id.dir"
  # Not `( … ) || rc=$?`: bash ignores `set -e` inside anything on the left of `||`.
  set +e
  (
    set -euo pipefail
    # Nothing of the caller's npm/pnpm configuration leaks in (e.g. when started from `pnpm run`).
    while read -r variable; do unset "$variable"; done < <(compgen -e | grep -i '^npm_\|^pnpm_' || true)
    export PATH="${node_bin[$line]}:$PATH"
    cd "$app"
    cp "$templates"/{app.mjs,start.mjs,route-once.mjs,stream-once.mjs,otel-sdk2.mjs,otel-sdk3.mjs,check-types.ts,tsconfig.json} .
    cp "$templates/check-$sdk_line.ts" check-sdk.ts
    # An extra lane's own program, routes, type check and its tsconfig (the CLI has none).
    has_app=false
    [[ "$extra" == - || "$extra" == cli ]] || has_app=true
    if $has_app; then cp "$templates"/{"app-$extra.mjs","route-$extra.mjs","check-$extra.ts","tsconfig.$extra.json"} .; fi
    write_manifest "$app" "$openai_line" "$sdk_line" "$extra"
    printf '@modelpolicy:registry=%s\nengine-strict=true\nfund=false\naudit=false\nupdate-notifier=false\n' \
      "$registry" >.npmrc
    echo "== node $(node --version), $pm, $(tr -d '\n ' <package.json)"

    echo "== step: install (at $((SECONDS - lane_start))s)"
    if [[ "$pm" == npm ]]; then
      npm install --no-audit --no-fund
    else
      printf 'strictPeerDependencies: true\nengineStrict: true\n' >pnpm-workspace.yaml
      "$pnpm_cmd" install --config.strict-peer-dependencies=true
    fi
    echo "== step: tree (at $((SECONDS - lane_start))s)"
    if [[ "$extra" == cli ]]; then node "$templates/check-tree.mjs" "$app" --allow-duckdb; else node "$templates/check-tree.mjs" "$app"; fi
    echo "== step: types (at $((SECONDS - lane_start))s)"
    node node_modules/typescript/bin/tsc -p tsconfig.json
    if $has_app; then node node_modules/typescript/bin/tsc -p "tsconfig.$extra.json"; fi
    echo "== step: app (at $((SECONDS - lane_start))s)"
    "${node_bin[24]}/node" "$templates/fake-server.mjs" "$testkit" >fakes.json 2>fake-server.log &
    fake_pid=$!
    redis_pid=
    trap 'kill $fake_pid $redis_pid 2>/dev/null || true' EXIT
    fakes="$(first_line fakes.json "$fake_pid")"
    CONSUMER_TEST_FAKES="$fakes" CONSUMER_TEST_SDK="${sdk_line#sdk}" node app.mjs
    if [[ "$extra" == anthropic || "$extra" == ai-sdk ]]; then
      echo "== step: $extra (at $((SECONDS - lane_start))s)"
      CONSUMER_TEST_FAKES="$fakes" CONSUMER_TEST_SDK="${sdk_line#sdk}" node "app-$extra.mjs"
    fi
    if [[ "$extra" == redis ]]; then
      echo "== step: redis (at $((SECONDS - lane_start))s)"
      # A real server, never skipped: a machine without one fails the lane.
      redis_server="$(command -v redis-server)" || {
        echo "Error: redis-server is not on PATH, and the redis lane needs a real one (Debian's" \
          "redis-server: sudo bash scripts/install-redis.sh, which scripts/prepare-e2e.sh runs)"
        exit 1
      }
      "$redis_server" --version
      redis_port="$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => {
        process.stdout.write(String(s.address().port));
        s.close();
      });')"
      "$redis_server" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --loglevel warning \
        >redis-server.log 2>&1 &
      redis_pid=$!
      CONSUMER_TEST_FAKES="$fakes" CONSUMER_TEST_REDIS_URL="redis://127.0.0.1:$redis_port" node app-redis.mjs
      kill "$redis_pid"
      wait "$redis_pid" || { echo "Error: redis-server (port $redis_port) exited with $?:"; cat redis-server.log; exit 1; }
      redis_pid=
      echo "redis-server on port $redis_port stopped"
    fi
    echo "== step: start (at $((SECONDS - lane_start))s)"
    CONSUMER_TEST_FAKES="$fakes" node start.mjs
    if [[ "$extra" == cli ]]; then
      echo "== step: cli (at $((SECONDS - lane_start))s)"
      node_modules/.bin/modelpolicy --help | grep "Usage: modelpolicy"
      node_modules/.bin/modelpolicy cost --format json | tee cost.json
      grep -q '"contract_summary"' cost.json
    fi
  ) >"$log" 2>&1
  rc=$?
  set -e
  local seconds=$((SECONDS - lane_start)) failed
  if ((rc == 0)); then
    echo "PASS $seconds -" >"$work/results/$id"
    echo "[$id] PASS in ${seconds}s"
  else
    failed="$(grep '^== step: ' "$log" | tail -n 1 | cut -d' ' -f3)"
    echo "FAIL $seconds ${failed:-setup}" >"$work/results/$id"
    echo "[$id] FAIL at ${failed:-setup} in ${seconds}s, from $log:"
    # From the first error on: npm's ERESOLVE and pnpm's peer report put the cause first.
    awk '/[Ee]rror|ERR_|✕/ { found = 1 } found' "$log" | grep -v '^Progress:\|^npm warn\|^[[:space:]]*$' |
      head -n 30 | sed 's/^/    /'
  fi
}

selected=()
for spec in "${lanes[@]}"; do
  read -r id _ <<<"$spec"
  if [[ -z "${CONSUMER_TEST_LANES:-}" || ",$CONSUMER_TEST_LANES," == *",$id,"* ]]; then selected+=("$spec"); fi
done
echo "::: consumer-test: ${#selected[@]} lane(s), ${CONSUMER_TEST_JOBS:-2} at a time, registry $registry"
for spec in "${selected[@]}"; do
  read -r id line pm openai_line sdk_line extra <<<"$spec"
  while (($(jobs -rp | wc -l) >= ${CONSUMER_TEST_JOBS:-2})); do wait -n || true; done
  echo "[$id] started (node $line, $pm, $openai_line, $sdk_line$([[ "$extra" != - ]] && echo ", $extra"))"
  run_lane "$id" "$line" "$pm" "$openai_line" "$sdk_line" "$extra" &
done
wait

failures=0
[[ "$packaging" == PASS ]] || failures=$((failures + 1))
echo
format='%-26s %-4s %-4s %-7s %-4s %-9s %-6s %5s  %s\n'
# shellcheck disable=SC2059
printf "$format" lane node pm openai sdk extra result time "failed step"
# shellcheck disable=SC2059
pack_failed="${packaging#PASS}"
printf "$format" packaging 24 pnpm - - - "${packaging%% *}" - "${pack_failed#FAIL }"
for spec in "${selected[@]}"; do
  read -r id line pm openai_line sdk_line extra <<<"$spec"
  read -r result seconds failed <"$work/results/$id" || { result=FAIL seconds=? failed=lost; }
  [[ "$result" == PASS ]] || failures=$((failures + 1))
  [[ "$failed" == - ]] && failed=""
  # shellcheck disable=SC2059
  printf "$format" "$id" "$line" "$pm" "${openai_line#openai}" "${sdk_line#sdk}" "$extra" "$result" \
    "${seconds}s" "$failed"
done
echo "consumer-test: $failures failure(s) in $((SECONDS - started))s"
((failures == 0))
