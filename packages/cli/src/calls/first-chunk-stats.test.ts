import { expect, it } from "vitest";
import type { CallSummary } from "./call-summary.js";
import { firstChunkStatsOf } from "./first-chunk-stats.js";

const call = (task: string | null, ms: number | null): CallSummary => ({
  time: "2026-11-25T10:00:00.000Z",
  task,
  policy_id: null,
  policy_version: null,
  outcome: "ok",
  fallback_used: false,
  reason: null,
  model_served: null,
  trace_id: null,
  time_to_first_chunk_ms: ms,
  link: null,
});

it("computes per-task p50/p95 over streamed calls the way DuckDB's quantile_cont does", () => {
  const stats = firstChunkStatsOf([
    call("summary", 400),
    call("summary", 100),
    call("summary", 300),
    call("summary", 200),
    call("extraction", null),
    call(null, 50),
  ]);
  expect(stats).toEqual([
    { task: "summary", streamed_calls: 4, p50_ms: 250, p95_ms: 385 },
    { task: null, streamed_calls: 1, p50_ms: 50, p95_ms: 50 },
  ]);
});
