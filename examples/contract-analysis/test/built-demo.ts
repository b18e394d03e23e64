import { fileURLToPath } from "node:url";
import {
  assertBuilt as assertMainBuilt,
  type BuiltDemoRun,
  runBuiltDemo as runMain,
} from "@modelpolicy/example-workflow-kit/testing";
import type { DemoSummary } from "../src/demo-summary.js";

/** The example's folder and the repository root, the two working directories the demo must run from. */
export const EXAMPLE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The built CLI the end-to-end tests run, exactly as `pnpm demo` does. */
export const DIST_MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

/** Fails with the command to run when the demo has not been built (the root `pnpm test` builds first). */
export function assertBuilt(): void {
  assertMainBuilt(DIST_MAIN, "contract-analysis");
}

/** What one run of the built demo produced. */
export type DemoRun = BuiltDemoRun<DemoSummary>;

/** Runs `node dist/main.js` from `cwd` with a clean environment plus `env` (see the kit's `runBuiltDemo`). */
export function runBuiltDemo(env: Record<string, string>, cwd: string): Promise<DemoRun> {
  return runMain<DemoSummary>({ main: DIST_MAIN, cwd, name: "contract-analysis" }, env);
}
