import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRouter, parsePolicyTable } from "@modelpolicy/core";
import { ScriptedAdapter } from "@modelpolicy/core/testing";
import { SpanStatusCode } from "@opentelemetry/api";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type StreamScript, streamingAdapter } from "./__fixtures__/streaming-adapter.js";
import { testTable } from "./__fixtures__/tables.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";
import { LedgerSpanExporter } from "./ledger/ledger-span-exporter.js";

const user = (content: string) => [{ role: "user" as const, content }];

let harness: TelemetryHarness;
let ledgerDir: string;
let ledger: LedgerSpanExporter;
let ledgerProcessor: BatchSpanProcessor;
beforeEach(async () => {
  ledgerDir = await mkdtemp(join(tmpdir(), "stream-ledger-"));
  ledger = new LedgerSpanExporter({ dir: ledgerDir });
  ledgerProcessor = new BatchSpanProcessor({ exporter: ledger });
  harness = new TelemetryHarness([ledgerProcessor]);
});
afterEach(async () => {
  await harness.close();
  await rm(ledgerDir, { recursive: true, force: true });
});

function setup(scripts: Record<string, StreamScript[]>) {
  const { adapter, state } = streamingAdapter(scripts);
  const middleware = createTelemetryMiddleware({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
  });
  const router = createRouter(parsePolicyTable(testTable()), {
    adapters: [adapter],
    middleware: [middleware],
    onDiagnostic: () => undefined,
  });
  return { router, state };
}

/** The ledger's lines once the batch processor has flushed. */
async function ledgerLines(): Promise<Record<string, unknown>[]> {
  await ledgerProcessor.forceFlush();
  const files = await readdir(ledgerDir).catch(() => [] as string[]);
  const lines: Record<string, unknown>[] = [];
  for (const file of files) {
    const text = await readFile(join(ledgerDir, file), "utf8");
    for (const line of text.split("\n")) if (line !== "") lines.push(JSON.parse(line));
  }
  return lines;
}

describe("streamed calls in telemetry", () => {
  it("marks the attempt as streamed with its time to first chunk, and records the metric", async () => {
    const { router } = setup({ "fast-model": [{ deltas: ["a", "b", "c"], delayMs: 5 }] });
    const stream = router.stream("classification", { messages: user("x") });
    for await (const _delta of stream) {
      // read it all
    }
    await stream.result;
    const [attempt] = harness.attemptSpans();
    expect(attempt?.attributes["gen_ai.request.stream"]).toBe(true);
    expect(attempt?.attributes["gen_ai.response.time_to_first_chunk"]).toBeTypeOf("number");
    expect(attempt?.attributes["gen_ai.usage.output_tokens"]).toBe(3);
    const [route] = harness.routedSpans();
    expect(route?.attributes["model_policy.stream"]).toBe(true);
    expect(route?.attributes["model_policy.time_to_first_chunk"]).toBeGreaterThan(0);
    const points = await harness.points("gen_ai.client.operation.time_to_first_chunk");
    expect(points).toHaveLength(1);
    expect(points[0]?.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "scripted",
    });
    expect((await harness.descriptor("gen_ai.client.operation.time_to_first_chunk"))?.unit).toBe("s");
    const [line] = await ledgerLines();
    expect(line).toMatchObject({ stream: true, outcome: "ok" });
    expect(line?.time_to_first_chunk_s).toBeGreaterThan(0);
  });

  it("ends both spans and writes one ledger record when the caller breaks out after two chunks", async () => {
    const { router, state } = setup({ "fast-model": [{ deltas: ["a", "b", "c", "d", "e"], delayMs: 20 }] });
    const stream = router.stream("classification", { messages: user("x") });
    let read = 0;
    for await (const _delta of stream) {
      read += 1;
      if (read === 2) break;
    }
    expect(state.released).toBe(1);
    const [route, ...moreRoutes] = harness.routedSpans();
    const [attempt, ...moreAttempts] = harness.attemptSpans();
    expect(moreRoutes).toHaveLength(0);
    expect(moreAttempts).toHaveLength(0);
    expect(route?.attributes).toMatchObject({ "model_policy.outcome": "failed", "error.type": "aborted" });
    expect(route?.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempt?.attributes).toMatchObject({
      "error.type": "aborted",
      "gen_ai.response.finish_reasons": ["error"],
      "model_policy.usage.source": "estimated",
    });
    expect(attempt?.attributes["gen_ai.usage.output_tokens"]).toBeUndefined();
    expect(attempt?.parentSpanContext?.spanId).toBe(route?.spanContext().spanId);
    const lines = await ledgerLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ stream: true, outcome: "failed", error_type: "aborted" });
    await expect(stream.result).rejects.toThrow(/aborted by its caller/);
  });

  it("ends both spans with the error after a mid-stream failure, with no fallback attempt", async () => {
    const { router } = setup({ "fast-model": [{ deltas: ["a", "b", "c"], failAfter: 2 }] });
    const stream = router.stream("classification", { messages: user("x") });
    const error = await (async () => {
      for await (const _delta of stream) {
        // read until it fails
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(harness.attemptSpans()).toHaveLength(1);
    expect(harness.routedSpans()[0]?.attributes).toMatchObject({
      "model_policy.outcome": "failed",
      "error.type": "connection",
      "model_policy.fallback.used": false,
    });
    expect(await ledgerLines()).toHaveLength(1);
  });

  it("gives a plain run no streaming attributes", async () => {
    const router = createRouter(parsePolicyTable(testTable()), {
      adapters: [new ScriptedAdapter()],
      middleware: [createTelemetryMiddleware({ tracerProvider: harness.tracerProvider })],
    });
    await router.run("classification", { messages: user("x") });
    const [attempt] = harness.attemptSpans();
    expect(attempt?.attributes["gen_ai.request.stream"]).toBeUndefined();
    expect(attempt?.attributes["gen_ai.response.time_to_first_chunk"]).toBeUndefined();
    expect(harness.routedSpans()[0]?.attributes["model_policy.stream"]).toBeUndefined();
    expect((await ledgerLines())[0]).toMatchObject({ stream: null, time_to_first_chunk_s: null });
  });
});
