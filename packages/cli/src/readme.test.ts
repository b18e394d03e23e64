import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// The README's example ledger and the table it shows are kept true by running them.
it("prints the table the README shows for the README's ledger", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const ledgerText = /<<'JSONL'\n([\s\S]*?)\nJSONL\n/.exec(readme)?.[1];
  const shown = /```\n(task [\s\S]*?)```\n/.exec(readme)?.[1];
  expect(ledgerText).toBeDefined();
  const dir = await mkdtemp(join(tmpdir(), "modelpolicy-readme-"));
  await writeFile(join(dir, "2026-11-25.jsonl"), `${ledgerText}\n`);
  const result = await runCli(["cost", "--ledger", dir]);
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toBe(shown);
});
