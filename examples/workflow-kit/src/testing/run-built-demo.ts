import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Fails with the command to run when a demo has not been built (the root `pnpm test` builds
 * first), instead of letting the end-to-end test time out waiting for spans that never come.
 */
export function assertBuilt(main: string, example: string): void {
  if (!existsSync(main)) throw new Error(`${main} does not exist: build first with \`npx tsc -b examples/${example}\``);
}

/** One finished run of a built demo, with the summary it wrote to `MODELPOLICY_DEMO_SUMMARY`. */
export interface BuiltDemoRun<Summary> {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: Summary;
}

/** Which built demo to run, from where, and what to call it in temp folders and errors. */
export interface BuiltDemoLaunch {
  /** The built entry point, e.g. `examples/contract-analysis/dist/main.js`. */
  readonly main: string;
  readonly cwd: string;
  readonly name: string;
}

/**
 * Runs a built demo as a child process with a clean environment: no OpenAI key or base URL (so
 * only the simulator can answer), no inherited OTEL_* settings (OTEL_SERVICE_NAME included) or
 * MODELPOLICY_* settings, plus `env`. Resolves when it exits 0, with the summary it wrote;
 * rejects with its output otherwise.
 */
export async function runBuiltDemo<Summary>(
  launch: BuiltDemoLaunch,
  env: Record<string, string>,
): Promise<BuiltDemoRun<Summary>> {
  const folder = await mkdtemp(join(tmpdir(), `${launch.name}-summary-`));
  const summaryPath = join(folder, "summary.json");
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith("OTEL_") && !key.startsWith("MODELPOLICY_") && !key.startsWith("OPENAI_"),
    ),
  );
  const child = spawn(process.execPath, [launch.main], {
    cwd: launch.cwd,
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
  if (code !== 0) throw new Error(`${launch.name} exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  const summary = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
  await rm(folder, { recursive: true, force: true });
  return { code, stdout, stderr, summary };
}
