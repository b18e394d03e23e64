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

// The lint example: the YAML table and the exact problems the README says it gets.
it("prints the problems the README shows for its invalid policy table", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const table = /```yaml\n([\s\S]*?)```\n/.exec(readme)?.[1];
  const shown = /```text\n(modelpolicy: invalid policy table[\s\S]*?)```\n/.exec(readme)?.[1];
  expect(table).toBeDefined();
  const dir = await mkdtemp(join(tmpdir(), "modelpolicy-readme-"));
  await writeFile(join(dir, "policies.yaml"), table ?? "");
  const result = await runCli(["policies", "lint", "policies.yaml"], { cwd: dir });
  expect(result.exitCode).toBe(6);
  expect(result.stderr).toBe(shown);
});

// The diff example: the contract-analysis table against itself with `tiers.fast` rebound.
it("prints the diff the README shows for a rebound tier, and fails the version gate", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const shown = /```\n(policies diff: [\s\S]*?)```\n/.exec(readme)?.[1];
  const baseline = await readFile(
    new URL("../../../examples/contract-analysis/policies.yaml", import.meta.url),
    "utf8",
  );
  const dir = await mkdtemp(join(tmpdir(), "modelpolicy-readme-"));
  await writeFile(join(dir, "baseline.yaml"), baseline);
  await writeFile(join(dir, "candidate.yaml"), baseline.replace("model: gpt-4.1-nano,", "model: gpt-4o-mini, "));
  const result = await runCli(["policies", "diff", "baseline.yaml", "candidate.yaml", "--fail-on-unversioned"], {
    cwd: dir,
  });
  expect(result.exitCode).toBe(8);
  expect(result.stdout).toBe(shown);
});
