import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ledgerRecord, writeLedger } from "../__fixtures__/ledger-fixture.js";
import { EXIT_CODES } from "../exit-codes.js";
import { runCli } from "../run-cli.js";

const POLICY = `max_input_tokens: 4000
    max_output_tokens: 500
    evidence_required: false
    review_required: false
    fallback_policy: stop
    latency_tier: fast`;

const TABLE = `version: "1"
tiers:
  fast:   { provider: openai, model: gpt-4.1-nano, context_window: 8000 }
  strong: { provider: openai, model: gpt-4.1, context_window: 1047576 }
policies:
  - id: risk
    version: "4"
    task: risk_judgement
    model_tier: strong
    ${POLICY}
    spend_budget: { usd: 0.05, window: hour, on_exhausted: degrade, degrade_to: fast }
  - id: summary
    version: "2"
    task: summary
    model_tier: strong
    ${POLICY}
    spend_budget: { usd: 1, window: day, on_exhausted: stop }
  - id: classify
    version: "1"
    task: classification
    model_tier: fast
    ${POLICY}
`;

// "Now" is 10:30 UTC: risk's window is 10:00-11:00, summary's the whole of 2026-11-25.
const NOW = new Date("2026-11-25T10:30:00.000Z");
const risk = (time: string, overrides: Record<string, unknown> = {}) =>
  ledgerRecord({ time, task: "risk_judgement", policy_id: "risk", policy_version: "4", ...overrides });
const summary = (time: string, overrides: Record<string, unknown> = {}) =>
  ledgerRecord({ time, task: "summary", policy_id: "summary", policy_version: "2", ...overrides });

let ledger: string;
let table: string;
let bare: string;
beforeAll(async () => {
  ledger = await writeLedger({
    "2026-11-25.jsonl": [
      // Before risk's current hour: not counted.
      risk("2026-11-25T09:59:00.000Z", { cost_usd: 0.5 }),
      risk("2026-11-25T10:05:00.000Z", { cost_usd: 0.03, budget_limit_usd: 0.05, budget_remaining_usd: 0.02 }),
      risk("2026-11-25T10:10:00.000Z", { cost_usd: 0.025, budget_remaining_usd: 0 }),
      risk("2026-11-25T10:12:00.000Z", {
        cost_usd: 0.001,
        outcome: "fallback_ok",
        fallback_reason: "budget_exhausted",
        budget_action: "degrade",
      }),
      // Written before the budget columns existed: counted by its fallback reason.
      risk("2026-11-25T10:20:00.000Z", { cost_usd: null, outcome: "fallback_ok", fallback_reason: "budget_exhausted" }),
      // Another policy's calls never count.
      ledgerRecord({ time: "2026-11-25T10:15:00.000Z", cost_usd: 9 }),
      summary("2026-11-25T01:00:00.000Z", { cost_usd: 0.4 }),
      summary("2026-11-25T08:00:00.000Z", { cost_usd: 0.7 }),
      summary("2026-11-25T09:00:00.000Z", {
        cost_usd: 0,
        outcome: "rejected",
        error_type: "budget_exhausted",
        budget_action: "stop",
      }),
      summary("2026-11-25T09:30:00.000Z", { cost_usd: 0, outcome: "rejected", error_type: "budget_exhausted" }),
    ],
    "2026-11-24.jsonl": [summary("2026-11-24T23:00:00.000Z", { cost_usd: 5 })],
  });
  table = join(dirname(ledger), "policies.yaml");
  await writeFile(table, TABLE);
  bare = join(dirname(ledger), "bare.yaml");
  await writeFile(bare, TABLE.replaceAll(/\n {4}spend_budget: .*/g, ""));
});

describe("cost --budgets", () => {
  it("lists each budgeted policy with its window, limit, spend and remaining, and calls the budget acted on", async () => {
    const result = await runCli(["cost", "--budgets", table, "--ledger", ledger, "--format", "json"], { now: NOW });
    expect(result.exitCode).toBe(0);
    const { rows } = JSON.parse(result.stdout) as { rows: Record<string, unknown>[] };
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      policy_id: "risk",
      policy_version: "4",
      window: "hour",
      window_start: "2026-11-25T10:00:00.000Z",
      on_exhausted: "degrade",
      limit_usd: 0.05,
      calls: 4,
      degraded: 2,
      stopped: 0,
      reviewed: 0,
    });
    expect(rows[0]?.spent_usd).toBeCloseTo(0.056, 9);
    expect(rows[0]?.remaining_usd).toBe(0);
    expect(rows[1]).toMatchObject({
      policy_id: "summary",
      window: "day",
      window_start: "2026-11-25T00:00:00.000Z",
      on_exhausted: "stop",
      limit_usd: 1,
      calls: 4,
      degraded: 0,
      stopped: 2,
    });
    expect(rows[1]?.spent_usd).toBeCloseTo(1.1, 9);
  });

  it("prints a table for people, and counts only the window's calls", async () => {
    const later = new Date("2026-11-25T11:30:00.000Z");
    const result = await runCli(["cost", "--budgets", table, "--ledger", ledger], { now: later });
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^policy_id\s+policy_version\s+window\s+window_start\s+on_exhausted\s+limit_usd/);
    expect(lines[2]).toMatch(
      /^risk\s+4\s+hour\s+2026-11-25T11:00:00.000Z\s+degrade\s+0\.0500\s+0\.0000\s+0\.0500\s+0\s+0\s+0\s+0$/,
    );
    expect(lines[3]).toMatch(/^summary\s+2\s+day\s+.*\s+stop\s+1\.0000\s+1\.1000\s+0\.0000\s+4\s+0\s+2\s+0$/);
  });

  it("answers empty with a note when no policy has a budget, and refuses --by or --prometheus beside it", async () => {
    const result = await runCli(["cost", "--budgets", bare, "--ledger", ledger, "--format", "csv"], { now: NOW });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/no policy in .*bare\.yaml has a spend_budget/);
    const both = await runCli(["cost", "--budgets", table, "--by", "model"], { now: NOW });
    expect(both.exitCode).toBe(EXIT_CODES.usage);
  });
});
