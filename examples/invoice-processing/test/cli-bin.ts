import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The built CLI, the file the `modelpolicy` bin of an installed package points at; the root
 * `pnpm build` makes it. End-to-end tests run it rather than importing `@modelpolicy/cli`, so the
 * numbers they compare are the ones a user's shell prints.
 */
export const CLI_BIN = fileURLToPath(new URL("../../../packages/cli/dist/bin.js", import.meta.url));

/**
 * Runs `node packages/cli/dist/bin.js …argv` with this process's Node, working directory and
 * environment; resolves with its stdout when it exits 0, rejects with its exit code and stderr
 * otherwise (or when it is still running after 60 s).
 */
export function modelpolicy(argv: readonly string[]): Promise<string> {
  if (!existsSync(CLI_BIN)) {
    return Promise.reject(new Error(`${CLI_BIN} is missing: run \`pnpm build\` first`));
  }
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI_BIN, ...argv],
      { encoding: "utf8", timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const how = error.killed ? `killed (${error.signal})` : `exit ${error.code}`;
          reject(new Error(`modelpolicy ${argv.join(" ")} -> ${how}: ${stderr}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}
