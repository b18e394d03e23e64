// Checks an unpacked tarball (`package/`) for what publint and attw do not: every `exports`
// target of every condition is shipped (the `@modelpolicy/source` one included), every source
// map and declaration map points at a shipped file, no build output outlived its source (tsc -b
// never deletes one), and no test or fixture file is shipped.
//   node check-tarball.mjs <unpacked package dir>
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(process.argv[2]);
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const problems = [];

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function targets(value) {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(targets);
  return [];
}

for (const target of [...targets(manifest.exports), ...targets(manifest.bin), manifest.main, manifest.types]) {
  if (target && !existsSync(join(root, target))) problems.push(`${target} is named in package.json but not shipped`);
}

const shipped = files(root);
for (const file of shipped) {
  const path = relative(root, file);
  if (/\.test(-d)?\.[cm]?[jt]s$|__fixtures__/.test(path)) problems.push(`${path} is a test or fixture file`);
  const built = /^dist\/(.*)\.(js|d\.ts)$/.exec(path);
  if (built && !existsSync(join(root, "src", `${built[1]}.ts`))) {
    problems.push(`${path} has no src/${built[1]}.ts: a stale build output (rebuild from an empty dist)`);
  }
  if (!path.endsWith(".map")) continue;
  const map = JSON.parse(readFileSync(file, "utf8"));
  for (const source of map.sources ?? []) {
    const target = resolve(dirname(file), map.sourceRoot ?? "", source);
    if (!existsSync(target)) problems.push(`${path} points at ${relative(root, target)}, which is not shipped`);
  }
}

assert.deepEqual(problems.slice(0, 20), [], `${manifest.name}: ${problems.length} problem(s)`);
console.log(`tarball ok: ${manifest.name}@${manifest.version}, ${shipped.length} files, maps resolve`);
