import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

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
  const main = BUILT_DEMOS[service];
  if (!existsSync(main)) throw new Error(`${main} does not exist: build first with \`npx tsc -b examples/${service}\``);
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
export interface BuiltDemoRun {
  stdout: string;
  stderr: string;
  summary: RunSummary;
}

/**
 * Runs a built demo as a child process with a clean environment (no OpenAI key or base URL, so
 * only the simulator can answer; no inherited OTEL_* or MODELPOLICY_*), plus `env`. Resolves
 * when it exits 0, with the summary it wrote; rejects with its output otherwise.
 */
export async function runBuiltDemo(service: DemoService, env: Record<string, string>): Promise<BuiltDemoRun> {
  const folder = await mkdtemp(join(tmpdir(), `${service}-summary-`));
  const summaryPath = join(folder, "summary.json");
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith("OTEL_") && !key.startsWith("MODELPOLICY_") && !key.startsWith("OPENAI_"),
    ),
  );
  const child = spawn(process.execPath, [BUILT_DEMOS[service]], {
    cwd: REPO_ROOT,
    env: { ...base, ...env, MODELPOLICY_DEMO_SUMMARY: summaryPath },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`${service} exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  const summary = JSON.parse(await readFile(summaryPath, "utf8")) as RunSummary;
  await rm(folder, { recursive: true, force: true });
  return { stdout, stderr, summary };
}
