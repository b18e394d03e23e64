import { fileURLToPath } from "node:url";
import {
  assertBuilt as assertMainBuilt,
  type BuiltDemoRun as KitBuiltDemoRun,
  runBuiltDemo as runMain,
} from "@modelpolicy/example-workflow-kit/testing";

/** The repository root, the working directory the end-to-end runs use. */
export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The built entry points of both example workflows, exactly what `node …/dist/main.js` runs. */
export const BUILT_DEMOS = {
  "invoice-processing": fileURLToPath(new URL("../dist/main.js", import.meta.url)),
  "contract-analysis": fileURLToPath(new URL("../../contract-analysis/dist/main.js", import.meta.url)),
} as const;

/** A demo's service name (`service.name`, the `job` label in Prometheus). */
export type DemoService = keyof typeof BUILT_DEMOS;

/** Fails with the command to run when a demo has not been built (the root `pnpm test` builds first). */
export function assertBuilt(service: DemoService): void {
  assertMainBuilt(BUILT_DEMOS[service], service);
}

/** What both demos write to `MODELPOLICY_DEMO_SUMMARY`: the router's own account of the run. */
export interface RunSummary {
  routedCalls: number;
  calls: {
    task: string;
    inputTokens: number;
    outputTokens: number;
    costUsd: number | null;
    fallbackUsed: boolean;
    reviewTriggered: boolean;
    durationMs?: number;
  }[];
}

/** One finished run of a built demo. */
export type BuiltDemoRun = KitBuiltDemoRun<RunSummary>;

/**
 * Runs a built demo from the repository root with a clean environment plus `env` (see the kit's
 * `runBuiltDemo`); resolves with the summary it wrote, rejects with its output otherwise.
 */
export function runBuiltDemo(service: DemoService, env: Record<string, string>): Promise<BuiltDemoRun> {
  return runMain<RunSummary>({ main: BUILT_DEMOS[service], cwd: REPO_ROOT, name: service }, env);
}
