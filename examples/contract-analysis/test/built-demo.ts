import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DemoSummary } from "../src/demo-summary.js";

/** The example's folder and the repository root, the two working directories the demo must run from. */
export const EXAMPLE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The built CLI the end-to-end tests run, exactly as `pnpm demo` does. */
export const DIST_MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

/** Fails with the command to run when the demo has not been built (the root `pnpm test` builds first). */
export function assertBuilt(): void {
  if (!existsSync(DIST_MAIN)) {
    throw new Error(
      `${DIST_MAIN} does not exist: build first with \`npx tsc -b\` (or \`npx tsc -b examples/contract-analysis\`)`,
    );
  }
}

/** What one run of the built demo produced. */
export interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: DemoSummary;
}

/**
 * Runs `node dist/main.js` as a child process with a clean environment: no OpenAI key or base
 * URL (so it can only use the simulator), no inherited OTEL_* or MODELPOLICY_* settings, and no
 * OTEL_SERVICE_NAME, plus `env`. Resolves when it exits, with the summary it wrote.
 */
export async function runBuiltDemo(env: Record<string, string>, cwd: string): Promise<DemoRun> {
  const folder = await mkdtemp(join(tmpdir(), "contract-demo-"));
  const summaryPath = join(folder, "summary.json");
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith("OTEL_") && !key.startsWith("MODELPOLICY_") && !key.startsWith("OPENAI_"),
    ),
  );
  const child = spawn(process.execPath, [DIST_MAIN], {
    cwd,
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
  if (code !== 0) throw new Error(`demo exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  const summary = JSON.parse(await readFile(summaryPath, "utf8")) as DemoSummary;
  await rm(folder, { recursive: true, force: true });
  return { code, stdout, stderr, summary };
}
