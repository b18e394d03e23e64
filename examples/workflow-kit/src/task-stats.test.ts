import type { RouteRecord } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { median, type TaskCall, taskStats } from "./task-stats.js";

function entry(task: string, overrides: Partial<RouteRecord>, failed = false): TaskCall {
  const record = {
    task,
    policy: { id: `p.${task}`, version: "2" },
    usage: { inputTokens: 100, outputTokens: 10 },
    costUsd: 0.001,
    fallback: { policy: "next_tier", used: false, reason: undefined },
    review: { required: false, triggered: false, reasons: [] },
    durationMs: 50,
    ...overrides,
  } as unknown as RouteRecord;
  return { task, record, failed };
}

describe("taskStats", () => {
  it("sums tokens and cost, counts fallbacks and reviews, takes the median latency, in table order", () => {
    const rows = taskStats(
      [
        entry("b", { durationMs: 10 }),
        entry("a", { durationMs: 30, fallback: { policy: "next_tier", used: true, reason: "server_error" } }),
        entry("a", { durationMs: 10, review: { required: false, triggered: true, reasons: ["risk"] } }),
        entry("a", { durationMs: 20 }),
      ],
      ["a", "b", "unused"],
    );
    expect(rows.map((row) => row.task)).toEqual(["a", "b"]);
    expect(rows[0]).toMatchObject({
      policy: "p.a@2",
      calls: 3,
      inputTokens: 300,
      outputTokens: 30,
      fallbacks: 1,
      reviews: 1,
      p50LatencyMs: 20,
    });
    expect(rows[0]!.costUsd).toBeCloseTo(0.003);
  });

  it("reports an unknown cost as null, never 0", () => {
    const [row] = taskStats([entry("a", {}), entry("a", { costUsd: null })], ["a"]);
    expect(row!.costUsd).toBeNull();
  });

  it("takes the mean of the middle two for an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
