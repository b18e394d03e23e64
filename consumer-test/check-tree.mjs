// Checks what an install put on disk, the way a user's bundle or `instanceof` would meet it:
// exactly one real copy of `openai` (a second one pulled in by our libraries would split the
// user's client from the one the adapter knows), and no `@duckdb` outside the CLI.
//   node check-tree.mjs <app dir> [--allow-duckdb]
// Walks every node_modules folder without following symlinks, so npm's nested copies and
// pnpm's .pnpm instances (one per peer set, even of the same version) each count once.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const app = process.argv[2];
const allowDuckdb = process.argv.includes("--allow-duckdb");
const openaiCopies = [];
const duckdb = [];

function walkNodeModules(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue; // symlinks (pnpm's links, .bin) are not copies
    const path = join(dir, entry.name);
    if (entry.name === ".pnpm") {
      for (const instance of readdirSync(path, { withFileTypes: true })) {
        if (instance.isDirectory()) visitNodeModules(join(path, instance.name, "node_modules"));
      }
    } else if (entry.name.startsWith("@")) {
      if (entry.name === "@duckdb") duckdb.push(relative(app, path));
      for (const scoped of readdirSync(path, { withFileTypes: true })) {
        if (scoped.isDirectory()) visitPackage(join(path, scoped.name));
      }
    } else {
      visitPackage(path);
    }
  }
}

function visitNodeModules(dir) {
  if (existsSync(dir)) walkNodeModules(dir);
}

function visitPackage(path) {
  const manifest = join(path, "package.json");
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "openai") {
    openaiCopies.push(`${relative(app, path)} (${JSON.parse(readFileSync(manifest, "utf8")).version})`);
  }
  visitNodeModules(join(path, "node_modules"));
}

visitNodeModules(join(app, "node_modules"));
assert.equal(openaiCopies.length, 1, `exactly one openai copy, found: ${openaiCopies.join(", ") || "none"}`);
if (!allowDuckdb) assert.deepEqual(duckdb, [], "no @duckdb in an app that does not install the CLI");
console.log(`tree ok: openai ${openaiCopies[0]}${allowDuckdb ? "" : ", no @duckdb"}`);
