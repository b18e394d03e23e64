import type { RouteRecord } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { reviewLine } from "./review-line.js";
import { summariseRecord, summariseRun } from "./run-summary.js";

const record = {
  policy: { id: "p.a", version: "3" },
  outcome: "success",
  attempts: [{ outcome: "error" }, { outcome: "skipped" }, { outcome: "success" }],
  modelRequested: "m-small",
  modelServed: "m-large",
  fallback: { used: true, reason: "server_error" },
  review: { triggered: true, reasons: ["fallback_used"] },
  evidence: { coverage: undefined },
  usage: { inputTokens: 12, outputTokens: 3 },
  costUsd: null,
} as unknown as RouteRecord;

describe("summariseRecord", () => {
  it("flattens a record, counting only attempts that were made and never leaving undefined", () => {
    expect(summariseRecord(record)).toEqual({
      policy: "p.a@3",
      outcome: "success",
      attempts: 2,
      modelRequested: "m-small",
      modelServed: "m-large",
      fallbackUsed: true,
      fallbackReason: "server_error",
      reviewTriggered: true,
      reviewReasons: ["fallback_used"],
      evidenceCoverage: null,
      inputTokens: 12,
      outputTokens: 3,
      costUsd: null,
    });
  });
});

describe("summariseRun", () => {
  it("puts the example's results between the task rows and the faults", () => {
    const summary = summariseRun(
      { provider: "simulated", baseURL: "http://x/v1", tasks: [], simulatorFaults: null },
      [{ task: "a" }],
      { documents: [] },
    );
    expect(Object.keys(summary)).toEqual([
      "provider",
      "baseURL",
      "routedCalls",
      "calls",
      "tasks",
      "documents",
      "simulatorFaults",
    ]);
    expect(summary.routedCalls).toBe(1);
  });
});

describe("reviewLine", () => {
  it("lists reviewed calls with their reasons, or says none were needed", () => {
    expect(reviewLine([{ task: "a", record, failed: false }])).toBe("a (fallback_used)");
    expect(reviewLine([])).toBe("not needed");
  });
});
