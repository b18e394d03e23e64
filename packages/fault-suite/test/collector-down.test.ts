import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canaryMessages } from "../src/canary.js";
import { measure } from "../src/figures.js";
import { collectGarbage, runLoad } from "../src/load.js";
import { captured } from "../src/log-capture.js";
import { FaultStack } from "../src/stack.js";

const CALLS = 3_000;
const WARMUP = 200;

let stack: FaultStack;
beforeAll(async () => {
  // A small bounded OTLP queue (256 spans, batches of 128) so that, with every export retrying
  // until its 2 s timeout, the queue overflows within this run on any machine: the drops are
  // the ones a real service sees, only sooner than with the SDK's default 2048.
  stack = await FaultStack.start({
    collector: "down",
    otlpBatch: { maxQueueSize: 256, maxExportBatchSize: 128 },
    exporterTimeoutMillis: 2_000,
  });
  stack.server.setDefault({ echo: true });
});
afterAll(async () => {
  expect(await stack.close()).toEqual([]);
});

describe("[case 10] collector port closed for the whole run", () => {
  it("[case 10] every call returns; heap bounded; dropped spans counted; warnings rate-limited", async () => {
    const request = (index: number) => ({ messages: canaryMessages(`call ${index}`) });
    const warm = await runLoad(stack, "load", WARMUP, request);
    expect(warm.every((settled) => settled.ok)).toBe(true);
    await collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const logMark = captured.length;

    const settled = await runLoad(stack, "load", CALLS, request, { concurrency: 32, deadlineMs: 60_000 });
    expect(settled).toHaveLength(CALLS);
    expect(settled.filter((entry) => entry.ok)).toHaveLength(CALLS);
    expect(stack.server.requestCount).toBe(WARMUP + CALLS);

    await collectGarbage();
    const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    measure("heapGrowthCollectorDownMB", growthMb);
    measure("collectorDownCalls", CALLS);
    expect(growthMb).toBeLessThan(64);

    // Warnings while the collector was down: a handful, not one per call or per span.
    const warnings = captured.slice(logMark).filter((line) => line.level === "warn" || line.level === "error");
    measure("warningsCollectorDown", warnings.length);
    expect(warnings.length).toBeLessThan(100);

    // Everything the SDK ended either reached the exporter or was dropped by the bounded queue.
    const droppedWarned = captured
      .slice(logMark)
      .map((line) => /Dropped (\d+) spans/.exec(line.text)?.[1])
      .reduce((total, count) => total + Number(count ?? 0), 0);
    await stack.flush(5_000);
    const exporter = stack.otlpExporter;
    const droppedByQueue = stack.counting.ended - exporter.handed;
    measure("droppedSpansCollectorDown", droppedByQueue);
    measure("droppedSpansWarnedByTheSdk", droppedWarned);
    measure("spansInFailedExportsCollectorDown", exporter.failedSpans);
    measure("otlpExportsFailedCollectorDown", exporter.failedExports);
    expect(droppedByQueue).toBeGreaterThan(0);
    expect(droppedWarned).toBeGreaterThan(0);
    expect(droppedWarned).toBeLessThanOrEqual(droppedByQueue);
    // Every export that ended failed (nothing listens), and the SDK said so once per export, not
    // once per span; exports still retrying when the flush gave up end at shutdown.
    expect(exporter.failedSpans).toBeGreaterThan(0);
    expect(exporter.failedSpans).toBeLessThanOrEqual(exporter.handed);
    expect(exporter.failedExports).toBeLessThanOrEqual(warnings.length + 5);

    // The local ledger lost nothing: one record per routed call, collector or not.
    const ledger = await stack.ledger();
    expect(ledger).toHaveLength(WARMUP + CALLS);
    expect(new Set(ledger.map((record) => record.span_id)).size).toBe(WARMUP + CALLS);
  }, 90_000);
});
