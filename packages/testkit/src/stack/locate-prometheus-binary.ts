import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * Returns the Prometheus binary the test stack runs: `$PROMETHEUS_BINARY` if set, else
 * `prometheus` on PATH (Debian's package installs /usr/bin/prometheus). Throws a message that
 * says how to install it.
 */
export function locatePrometheusBinary(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.PROMETHEUS_BINARY;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  for (const directory of (env.PATH ?? "").split(delimiter)) {
    if (directory === "") continue;
    const candidate = join(directory, "prometheus");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this PATH entry
    }
  }
  throw new Error(
    "prometheus not found on PATH. Install it with `sudo bash scripts/install-prometheus.sh` " +
      "(Debian's package) or set PROMETHEUS_BINARY.",
  );
}
