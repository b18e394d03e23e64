import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A package found on disk: its version, and its CommonJS entry, loaded only when asked for. */
export interface InstalledPackage {
  /** The name it was looked up by. */
  readonly name: string;
  /** `version` from its own `package.json`, e.g. `3.1.1`. */
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  /** `require`s the package (its CommonJS build, which both OTel SDK lines ship). */
  load(): unknown;
  /** Finds a dependency of this package from the package's own location: the copy it runs with. */
  dependency(name: string): InstalledPackage | undefined;
}

/** Looks a package up by name; `undefined` when it is not installed where the finder looks. */
export type PackageFinder = (name: string) => InstalledPackage | undefined;

/**
 * Finds packages the way Node's `require` does from `from` (a file URL or path), so an optional
 * peer is found exactly when the host installed it. Synchronous on purpose: `require` of the
 * SDK's CommonJS builds keeps `startTelemetry()` synchronous, so it can stay the first line of
 * `main` without an `await` before the app's own imports.
 */
export function packageFinder(from: string | URL): PackageFinder {
  const require = createRequire(from);
  return (name) => {
    let entry: string;
    try {
      entry = require.resolve(name);
    } catch (error) {
      if (isModuleNotFound(error)) return undefined;
      throw error;
    }
    const version = versionNear(entry);
    const [major = Number.NaN, minor = Number.NaN] = version.split(".").map(Number);
    return {
      name,
      version,
      major,
      minor,
      load: () => require(entry),
      dependency: (dependencyName) => packageFinder(entry)(dependencyName),
    };
  };
}

/**
 * The version in the nearest `package.json` above a resolved entry that has one. Read from disk
 * because the SDK packages export no `./package.json` and no version constant.
 */
function versionNear(entry: string): string {
  let directory = dirname(entry);
  for (;;) {
    const manifest = readManifest(join(directory, "package.json"));
    if (typeof manifest?.version === "string" && typeof manifest.name === "string") return manifest.version;
    const parent = dirname(directory);
    if (parent === directory) return "0.0.0";
    directory = parent;
  }
}

function readManifest(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}

function isModuleNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "MODULE_NOT_FOUND";
}
