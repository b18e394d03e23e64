import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ledgerRecord, writeLedger } from "./__fixtures__/ledger-fixture.js";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const bin = join(packageDir, "dist", "bin.js");

/** Runs the built bin the way `pnpm modelpolicy …` does, without throwing on a non-zero exit. */
async function modelpolicy(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, MODELPOLICY_DEBUG: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// The bin is what users run: build it from the current sources first (incremental, so cheap
// after the root build), then check that exit codes and streams survive the process boundary.
beforeAll(async () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  await run(process.execPath, [tsc, "-p", packageDir]);
});

describe("the modelpolicy bin", () => {
  it("prints a cost table from the default ledger folder of its working directory", async () => {
    const ledger = await writeLedger({
      "2026-11-25.jsonl": [ledgerRecord(), ledgerRecord({ task: "triage", cost_usd: 0.5 })],
    });
    const result = await modelpolicy(["cost", "--ledger", ledger], tmpdir());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^triage +1 /m);
    expect(result.stdout).toMatch(/^TOTAL +2 /m);
  });

  it("exits 3 with one line and no stack when the ledger is missing", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "modelpolicy-bin-"));
    const result = await modelpolicy(["cost"], cwd);
    expect(result).toEqual({ code: 3, stdout: "", stderr: expect.stringMatching(/^modelpolicy: no ledger at .*\n$/) });
  });

  it("exits 2 on a bad date and 0 on --help", async () => {
    expect((await modelpolicy(["cost", "--since", "yesterday-ish"], tmpdir())).code).toBe(2);
    const help = await modelpolicy(["--help"], tmpdir());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: modelpolicy");
  });
});
