import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The built CLI, the file the `modelpolicy` bin of an installed package points at. The root
 * `pnpm build` makes it (alone: `pnpm exec tsc -b packages/cli`); the suite runs it rather than
 * importing `@modelpolicy/cli`, so it sees exactly what a user's shell sees.
 */
export const CLI_BIN = fileURLToPath(new URL("../../cli/dist/bin.js", import.meta.url));

/** What one run of the bin printed, and its exit code (`null` only when a signal ended it). */
export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node packages/cli/dist/bin.js …argv` with this process's Node, working directory and
 * environment, and resolves with what it printed whatever its exit code: the tests assert the
 * codes. A bin still running after 60 s is killed (exit code `null`). Rejects only when the bin is missing or could not be started.
 */
export function runCliBin(argv: readonly string[]): Promise<CliRun> {
  if (!existsSync(CLI_BIN)) {
    return Promise.reject(new Error(`${CLI_BIN} is missing: run \`pnpm build\` first`));
  }
  return new Promise((resolve, reject) => {
    // The timeout only keeps a hung bin from outliving the test run; no test depends on it.
    const child = spawn(process.execPath, [CLI_BIN, ...argv], { stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}
