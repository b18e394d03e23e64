import { accessSync, constants } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Go module version of the Jaeger build the stack runs (v1.76.0 is Jaeger 2.13.0). */
export const JAEGER_MODULE_VERSION = "v1.76.0";

/**
 * Returns the path of the Jaeger v2 binary the test stack runs: `$JAEGER_BINARY` if set, else the
 * binary `scripts/build-jaeger.sh` leaves in `${MODELPOLICY_CACHE:-~/.cache/modelpolicy}/bin`.
 * Throws a message that says how to build it, because there is no Docker to fall back on.
 */
export function locateJaegerBinary(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.JAEGER_BINARY;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!isExecutable(fromEnv)) throw new Error(`JAEGER_BINARY=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const cacheDir = env.MODELPOLICY_CACHE || join(homedir(), ".cache", "modelpolicy");
  const cached = join(cacheDir, "bin", `jaeger-${JAEGER_MODULE_VERSION}`);
  if (isExecutable(cached)) return cached;
  throw new Error(
    `Jaeger binary not found at ${cached}. Build it once with \`bash scripts/build-jaeger.sh\` ` +
      "(needs Go and the Go module proxy, takes a few minutes) or set JAEGER_BINARY.",
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
