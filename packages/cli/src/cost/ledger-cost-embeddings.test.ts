import { beforeAll, describe, expect, it } from "vitest";
import { ledgerRecord, writeLedger } from "../__fixtures__/ledger-fixture.js";
import { runCli } from "../run-cli.js";

// Lines as the otel ledger exporter writes them for `router.embed` calls (operation embeddings,
// input tokens only) beside chat calls, some from before the operation column existed.
const LINES = [
  ledgerRecord({
    task: "search_index",
    operation: "embeddings",
    cost_usd: 0.0004,
    input_tokens: 20_000,
    output_tokens: 0,
  }),
  ledgerRecord({
    task: "search_index",
    operation: "embeddings",
    outcome: "fallback_ok",
    fallback_used: true,
    model_served: "text-embedding-3-large",
    cost_usd: 0.0026,
    input_tokens: 20_000,
    output_tokens: 0,
  }),
  ledgerRecord({ task: "field_extraction", operation: "chat", cost_usd: 0.01 }),
  // A line written before `operation` existed: no key at all.
  ledgerRecord({ task: "field_extraction", cost_usd: 0.02 }),
];

let ledger: string;
beforeAll(async () => {
  ledger = await writeLedger({ "2026-11-25.jsonl": LINES });
});

describe("modelpolicy cost with embeddings calls in the ledger", () => {
  it("counts an embeddings task's calls, tokens and cost under --by task", async () => {
    const result = await runCli(["cost", "--ledger", ledger, "--by", "task", "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as { rows: Record<string, unknown>[]; total: Record<string, unknown> };
    const search = report.rows.find((row) => row.task === "search_index");
    expect(search).toMatchObject({
      calls: 2,
      input_tokens: 40_000,
      output_tokens: 0,
      cost_usd: expect.closeTo(0.003, 9),
      cost_known: true,
      fallback_rate: 0.5,
    });
    expect(report.rows.find((row) => row.task === "field_extraction")).toMatchObject({ calls: 2, cost_usd: 0.03 });
    expect(report.total).toMatchObject({ calls: 4, cost_usd: expect.closeTo(0.033, 9) });
  });

  it("shows the embeddings task in the text table", async () => {
    const result = await runCli(["cost", "--ledger", ledger, "--by", "task"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^search_index +2 /m);
  });
});
