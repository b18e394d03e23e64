import { beforeAll, describe, expect, it } from "vitest";
import { ledgerRecord, writeLedger } from "../__fixtures__/ledger-fixture.js";
import { runCli } from "../run-cli.js";

const at = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, "0")}:00.000Z`;
const summary = (minute: number, firstChunkSeconds: number) =>
  ledgerRecord({
    time: at(minute),
    task: "reviewer_summary",
    policy_id: "summarise",
    stream: true,
    time_to_first_chunk_s: firstChunkSeconds,
    duration_ms: 2000,
  });
// Four streamed summaries (first chunk after 0.1 .. 0.4 s), one that failed before any chunk
// (streamed, no time), and plain calls of another task, one of them with a stray time field
// that must not count because the call was not streamed.
const RECORDS = [
  summary(1, 0.1),
  summary(2, 0.2),
  summary(3, 0.3),
  summary(4, 0.4),
  ledgerRecord({ time: at(5), task: "reviewer_summary", stream: true, time_to_first_chunk_s: null, outcome: "failed" }),
  ledgerRecord({ time: at(6), task: "field_extraction" }),
  ledgerRecord({ time: at(7), task: "field_extraction", stream: false, time_to_first_chunk_s: 9 }),
];

let ledger: string;
beforeAll(async () => {
  ledger = await writeLedger({ "2026-11-25.jsonl": RECORDS });
});

describe("time to first chunk of streamed calls", () => {
  it("cost gives p50/p95 per task over the streamed calls only", async () => {
    const result = await runCli(["cost", "--ledger", ledger, "--format", "json"]);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout);
    const byTask = Object.fromEntries(report.rows.map((row: { task: string }) => [row.task, row]));
    expect(byTask.reviewer_summary).toMatchObject({ calls: 5, streamed_calls: 5, ttfc_p50_ms: 250 });
    expect(byTask.reviewer_summary.ttfc_p95_ms).toBeCloseTo(385, 6);
    expect(byTask.field_extraction).toMatchObject({
      calls: 2,
      streamed_calls: 0,
      ttfc_p50_ms: null,
      ttfc_p95_ms: null,
    });
    expect(report.total).toMatchObject({ calls: 7, streamed_calls: 5, ttfc_p50_ms: 250 });
  });

  it("cost's table shows the streamed columns when some call streamed", async () => {
    const { stdout } = await runCli(["cost", "--ledger", ledger]);
    expect(stdout.split("\n")[0]).toMatch(/ streamed {2}ttfc_p50_ms {2}ttfc_p95_ms$/);
    expect(stdout).toMatch(/^reviewer_summary .* 5 +250 +385$/m);
    expect(stdout).toMatch(/^field_extraction .* 0 +- +-$/m);
    expect(stdout).toContain("ttfc: time to first chunk of the streamed calls");
  });

  it("calls lists each streamed call's time and the per-task p50/p95 under the table", async () => {
    const json = JSON.parse((await runCli(["calls", "--ledger", ledger, "--format", "json"])).stdout);
    expect(json.map((call: { time_to_first_chunk_ms: number | null }) => call.time_to_first_chunk_ms)).toEqual([
      null,
      null,
      null,
      400,
      300,
      200,
      100,
    ]);
    // The per-task figures cover every streamed call in the window, not only the listed ones.
    const { stdout } = await runCli(["calls", "--ledger", ledger, "--limit", "1"]);
    const section = stdout.slice(stdout.indexOf("time to first chunk"));
    expect(section.split("\n").slice(1, 4)).toEqual([
      "task              streamed_calls  ttfc_p50_ms  ttfc_p95_ms",
      "----------------  --------------  -----------  -----------",
      "reviewer_summary               5          250          385",
    ]);
  });
});
