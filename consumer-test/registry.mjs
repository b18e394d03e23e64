// A read-only npm registry on 127.0.0.1 that serves the packed @modelpolicy tarballs, so a
// scratch app installs them exactly as it would after `npm publish`: by name and range, with
// their `^0.1.0` ranges on each other resolved by the package manager itself. Packing alone is
// not enough for that: pnpm resolves a tarball's own dependency `@modelpolicy/core@^0.1.0` from
// the registry, and `file:` overrides would hide what users get. Only the `@modelpolicy` scope
// is pointed here (`@modelpolicy:registry=` in the app's .npmrc); everything else comes from
// the real registry.
//
//   node consumer-test/registry.mjs <folder of .tgz files>
// prints `http://127.0.0.1:PORT/` on stdout once listening, and serves until killed.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node registry.mjs <folder of .tgz files>");
  process.exit(2);
}

/** The tarball's own `package/package.json`, as `pnpm pack` wrote it (ranges rewritten). */
function manifestOf(file) {
  return JSON.parse(execFileSync("tar", ["-xzOf", file, "package/package.json"], { encoding: "utf8" }));
}

const server = createServer();
const packages = new Map(); // name -> { manifest, bytes, file }

for (const file of readdirSync(folder).filter((name) => name.endsWith(".tgz"))) {
  const manifest = manifestOf(join(folder, file));
  packages.set(manifest.name, { manifest, bytes: readFileSync(join(folder, file)), file });
}

function packument(name, entry, base) {
  const { manifest, bytes, file } = entry;
  const published = new Date().toISOString();
  const version = {
    ...manifest,
    _id: `${name}@${manifest.version}`,
    dist: {
      tarball: `${base}${name}/-/${file}`,
      shasum: createHash("sha1").update(bytes).digest("hex"),
      integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
    },
  };
  return {
    _id: name,
    name,
    "dist-tags": { latest: manifest.version },
    versions: { [manifest.version]: version },
    time: { created: published, modified: published, [manifest.version]: published },
  };
}

server.on("request", (request, response) => {
  const base = `http://127.0.0.1:${server.address().port}/`;
  const path = decodeURIComponent((request.url ?? "/").split("?")[0]).replace(/^\/+/, "");
  const tarballAt = path.indexOf("/-/");
  const name = tarballAt === -1 ? path : path.slice(0, tarballAt);
  const entry = packages.get(name);
  if (request.method !== "GET" || !entry) {
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: "not_found" }));
    return;
  }
  if (tarballAt === -1) {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(packument(name, entry, base)));
  } else {
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": entry.bytes.length });
    response.end(entry.bytes);
  }
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}/\n`);
});
