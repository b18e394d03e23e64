import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ledgerRecord, writeLedger } from "../__fixtures__/ledger-fixture.js";
import { runCli } from "../run-cli.js";

const at = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, "0")}:00.000Z`;
const DAY_ONE = [
  ledgerRecord({ time: at(1), cost_usd: 0.01, duration_ms: 100, input_tokens: 1000, output_tokens: 100 }),
  ledgerRecord({ time: at(2), cost_usd: 0.03, duration_ms: 200, input_tokens: 2000, output_tokens: 200 }),
  ledgerRecord({
    time: at(3),
    outcome: "fallback_ok",
    fallback_used: true,
    fallback_reason: "rate_limit",
    model_served: "big-model",
    cost_usd: 0.05,
    duration_ms: 300,
    input_tokens: 3000,
    output_tokens: 300,
  }),
  ledgerRecord({ time: at(4), outcome: "review", review_triggered: true, cost_usd: 0.01, duration_ms: 400 }),
  ledgerRecord({
    time: at(5),
    task: "classification",
    policy_id: "classify",
    policy_version: "1",
    model_served: "mystery",
    cost_usd: null,
    duration_ms: 50,
  }),
  ledgerRecord({
    time: at(6),
    task: "classification",
    policy_id: "classify",
    policy_version: "1",
    outcome: "failed",
    model_served: null,
    error_type: "RoutingFailedError",
    cost_usd: 0.002,
    duration_ms: 60,
  }),
  ledgerRecord({ time: "2026-11-25T11:00:00.000Z", service: "billing-service", cost_usd: 1, duration_ms: 1000 }),
];
const DAY_TWO = [
  ledgerRecord({ time: "2026-11-26T08:00:00.000Z", policy_version: "4", cost_usd: 0.02, duration_ms: 100 }),
];

let ledger: string;
beforeAll(async () => {
  ledger = await writeLedger({ "2026-11-25.jsonl": DAY_ONE, "2026-11-26.jsonl": DAY_TWO });
});

async function costJson(...args: string[]) {
  const result = await runCli(["cost", "--ledger", ledger, "--format", "json", ...args]);
  expect(result.stderr).toBe("");
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as { by: string[]; rows: Record<string, unknown>[]; total: Record<string, unknown> };
}

describe("modelpolicy cost over the ledger", () => {
  it("groups by task by default with every figure", async () => {
    const report = await costJson();
    expect(report.by).toEqual(["task"]);
    expect(report.rows.map((row) => row.task)).toEqual(["field_extraction", "classification"]);
    expect(report.rows[0]).toEqual({
      task: "field_extraction",
      calls: 6,
      input_tokens: 1000 * 4 + 2000 + 3000,
      output_tokens: 100 * 4 + 200 + 300,
      cost_usd: 1.12,
      cost_known: true,
      cost_per_call: expect.closeTo(1.12 / 6, 9),
      fallback_rate: expect.closeTo(1 / 6, 9),
      review_rate: expect.closeTo(1 / 6, 9),
      p50_ms: 250,
      p95_ms: 850,
      cost_per_trusted_unit: 0.28,
      streamed_calls: 0,
      ttfc_p50_ms: null,
      ttfc_p95_ms: null,
    });
    expect(report.total).toMatchObject({ calls: 8, cost_usd: 1.122, cost_known: false });
  });

  it("marks groups with unknown prices instead of counting them as free", async () => {
    const [, classification] = (await costJson()).rows;
    expect(classification).toMatchObject({
      calls: 2,
      cost_usd: 0.002,
      cost_known: false,
      cost_per_trusted_unit: 0.002,
    });

    const byModel = await costJson("--by", "model");
    expect(byModel.rows.find((row) => row.model_served === "mystery")).toMatchObject({
      cost_usd: null,
      cost_known: false,
      cost_per_call: null,
    });

    const table = await runCli(["cost", "--ledger", ledger, "--by", "model"]);
    expect(table.stdout).toMatch(/^mystery .* unknown /m);
    expect(table.stdout).toMatch(/^TOTAL .* ≥1\.1220 /m);
    expect(table.stdout).toContain("lower bound");
  });

  it("groups by policy, version (policy id + version), model and outcome", async () => {
    expect((await costJson("--by", "policy")).rows.map((row) => [row.policy_id, row.calls])).toEqual([
      ["extract-fields", 6],
      ["classify", 2],
    ]);
    expect(
      (await costJson("--by", "version")).rows.map((row) => [row.policy_id, row.policy_version, row.calls]),
    ).toEqual([
      ["extract-fields", "3", 5],
      ["extract-fields", "4", 1],
      ["classify", "1", 2],
    ]);
    expect((await costJson("--by", "model")).rows.map((row) => row.model_served)).toEqual([
      "small-model",
      "big-model",
      null,
      "mystery",
    ]);
    const byOutcome = await costJson("--by", "outcome");
    expect(byOutcome.rows.find((row) => row.outcome === "failed")).toMatchObject({
      calls: 1,
      cost_per_trusted_unit: null,
    });
    expect(byOutcome.rows.find((row) => row.outcome === "ok")).toMatchObject({
      calls: 5,
      cost_known: false,
      cost_per_trusted_unit: 0.212,
    });
  });

  it("takes several keys, repeated or comma-separated, without repeating a column", async () => {
    const repeated = await costJson("--by", "task", "--by", "outcome");
    const commas = await costJson("--by", "task,outcome");
    expect(repeated).toEqual(commas);
    expect(repeated.by).toEqual(["task", "outcome"]);
    expect(repeated.rows).toHaveLength(5);
    expect((await costJson("--by", "policy,version")).by).toEqual(["policy_id", "policy_version"]);
  });

  it("filters by service and by time, a bare --until day meaning the whole day", async () => {
    expect((await costJson("--service", "invoice-service")).total).toMatchObject({ calls: 7 });
    expect((await costJson("--since", "2026-11-26")).total).toMatchObject({ calls: 1, cost_usd: 0.02 });
    expect((await costJson("--until", "2026-11-25")).total).toMatchObject({ calls: 7 });
    expect((await costJson("--since", "2026-11-25T10:30Z")).total).toMatchObject({ calls: 2 });
    expect((await costJson("--since", "2026-11-25T10:02:00Z", "--until", "2026-11-25T10:04:00Z")).total).toMatchObject({
      calls: 2,
    });
    const relative = await runCli(["cost", "--ledger", ledger, "--since", "24h", "--format", "json"], {
      now: new Date("2026-11-26T10:30:00Z"),
    });
    expect(JSON.parse(relative.stdout).total).toMatchObject({ calls: 2 });
  });

  it("answers an empty window with an empty report, exit 0", async () => {
    const report = await costJson("--since", "2027-01-01");
    expect(report.rows).toEqual([]);
    expect(report.total).toMatchObject({ calls: 0, cost_usd: null });
    const table = await runCli(["cost", "--ledger", ledger, "--since", "2027-01-01"]);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/^TOTAL +0 /m);
  });

  it("prints CSV with a header and one parseable line per group", async () => {
    const result = await runCli(["cost", "--ledger", ledger, "--format", "csv", "--by", "task"]);
    const [header, ...lines] = result.stdout.trimEnd().split("\r\n");
    expect(header).toBe(
      "task,calls,input_tokens,output_tokens,cost_usd,cost_known,cost_per_call,fallback_rate,review_rate,p50_ms,p95_ms,cost_per_trusted_unit,streamed_calls,ttfc_p50_ms,ttfc_p95_ms",
    );
    expect(lines).toHaveLength(2);
    const fields = lines[1]?.split(",") ?? [];
    expect(fields.slice(0, 6)).toEqual(["classification", "2", "2000", "200", "0.002", "false"]);
  });

  it("prints an aligned table with a total line", async () => {
    const { stdout } = await runCli(["cost", "--ledger", ledger, "--since", "2026-11-26"]);
    expect(stdout.split("\n").slice(0, 5)).toEqual([
      "task              calls  input_tokens  output_tokens  cost_usd  cost_per_call  fallback_rate  review_rate  p50_ms  p95_ms  cost_per_trusted_unit",
      "----------------  -----  ------------  -------------  --------  -------------  -------------  -----------  ------  ------  ---------------------",
      "field_extraction      1          1000            100    0.0200       0.020000           0.0%         0.0%     100     100               0.020000",
      "----------------  -----  ------------  -------------  --------  -------------  -------------  -----------  ------  ------  ---------------------",
      "TOTAL                 1          1000            100    0.0200       0.020000           0.0%         0.0%     100     100               0.020000",
    ]);
  });

  it("skips a torn last line and a sealed fragment, and says how many on stderr", async () => {
    const torn = await writeLedger({ "2026-11-25.jsonl": DAY_ONE });
    await appendFile(join(torn, "2026-11-25.jsonl"), '{"schema":1,"time":"2026-11-25T12:00:00.000Z","task":"field_ext');
    const result = await runCli(["cost", "--ledger", torn, "--format", "json"]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).total).toMatchObject({ calls: 7 });
    expect(result.stderr).toBe("modelpolicy: skipped 1 torn line(s): a writer stopped mid-record.\n");

    await appendFile(join(torn, "2026-11-25.jsonl"), `\n${JSON.stringify(ledgerRecord())}\n`);
    const sealed = await runCli(["cost", "--ledger", torn, "--format", "json"]);
    expect(JSON.parse(sealed.stdout).total).toMatchObject({ calls: 8 });
    expect(sealed.stderr).toBe("modelpolicy: skipped 1 line(s) that are not ledger records.\n");
  });

  it("reads an unterminated last line that is a whole record", async () => {
    const line = JSON.stringify(ledgerRecord());
    const ledgerDir = await writeLedger({ "2026-11-25.jsonl": `${line}\n${line}` });
    const result = await runCli(["cost", "--ledger", ledgerDir, "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout).total).toMatchObject({ calls: 2 });
  });
});
