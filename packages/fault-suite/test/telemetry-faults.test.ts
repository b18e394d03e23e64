import { monitorEventLoopDelay } from "node:perf_hooks";
import { type RouterMiddleware, RoutingFailedError } from "@modelpolicy/core";
import { reply } from "@modelpolicy/testkit";
import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { canaryMessages } from "../src/canary.js";
import { expectConsistent } from "../src/consistency.js";
import { measure } from "../src/figures.js";
import { runLoad } from "../src/load.js";
import { captured } from "../src/log-capture.js";
import { FaultStack, type StackOptions } from "../src/stack.js";

const stacks: FaultStack[] = [];
async function start(options: StackOptions = {}): Promise<FaultStack> {
  const stack = await FaultStack.start(options);
  stacks.push(stack);
  return stack;
}
afterEach(async () => {
  for (const stack of stacks.splice(0)) expect(await stack.close()).toEqual([]);
});

/** Runs `work` while sampling the event loop's delay; returns its p99 in ms. */
async function loopDelayDuring(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
  }
  return histogram.percentile(99) / 1e6;
}

/** How long the slow collector holds each answer. */
const COLLECTOR_DELAY_MS = 1_500;

describe("[case 11] collector slow or answering 503 with Retry-After", () => {
  it("[case 11] honours Retry-After between export retries, loses nothing, and keeps the event loop responsive", async () => {
    // One batch, exported only by the flush, so the receiver's requests are that export's tries.
    const stack = await start({
      otlpBatch: { maxQueueSize: 10_000, maxExportBatchSize: 10_000, scheduledDelayMillis: 600_000 },
    });
    stack.receiver.failNext(2, { status: 503, retryAfterSeconds: 1 });
    const request = (index: number) => ({ messages: canaryMessages(`call ${index}`) });
    const lag = await loopDelayDuring(async () => {
      const settled = await runLoad(stack, "load", 200, request, { concurrency: 16 });
      expect(settled.every((entry) => entry.ok)).toBe(true);
      await stack.tracerProvider.forceFlush();
    });
    // A figure for the suite's report, not an assertion: tests never assert timings.
    measure("eventLoopP99Ms", lag, "max");

    const traces = stack.receiver.requests.filter((request) => request.path === "/v1/traces");
    expect(traces.map((request) => request.status)).toEqual([503, 503, 200]);
    // Each retry came no earlier than the collector asked (Retry-After: 1 s).
    expect(traces[1]!.time - traces[0]!.time).toBeGreaterThanOrEqual(990);
    expect(traces[2]!.time - traces[1]!.time).toBeGreaterThanOrEqual(990);
    expect(stack.receiver.spansReceived).toBe(stack.counting.ended);
  });

  it("[case 11] a slow collector fails no call and loses no span", async () => {
    const stack = await start();
    stack.receiver.setDelay(COLLECTOR_DELAY_MS);
    const request = (index: number) => ({ messages: canaryMessages(`slow ${index}`) });
    let durations: number[] = [];
    const lag = await loopDelayDuring(async () => {
      const settled = await runLoad(stack, "load", 200, request, { concurrency: 16 });
      expect(settled.every((entry) => entry.ok)).toBe(true);
      durations = settled.map((entry) => entry.ms).sort((a, b) => a - b);
      await stack.flush(10_000);
    });
    measure("eventLoopP99Ms", lag, "max");
    measure("slowCollectorCallP99Ms", durations[Math.floor(durations.length * 0.99)]!, "max");
    // Exports were held while the calls ran, every call still succeeded and nothing was lost;
    // how long the calls took is a reported figure (slowCollectorCallP99Ms), never asserted.
    expect(stack.receiver.requests.some((entry) => entry.path === "/v1/traces")).toBe(true);
    expect(stack.receiver.spansReceived).toBe(stack.counting.ended);
  });
});

describe("[case 12] throwing hooks and unserialisable values never change a result", () => {
  const messages = canaryMessages("stable request");

  async function baseline(): Promise<unknown> {
    const stack = await start();
    stack.server.setDefault(reply.ok("the answer"));
    const settled = await stack.call("load", { messages });
    return settled.result?.output;
  }

  it("[case 12] a middleware that throws before and after next: same result, error reported", async () => {
    const expected = await baseline();
    const reported: string[] = [];
    const throwing: RouterMiddleware = {
      name: "throwing",
      onCall() {
        throw new Error("middleware boom before next");
      },
      async onAttempt(_attempt, next) {
        await next();
        throw new Error("middleware boom after next");
      },
    };
    const stack = await start({
      outerMiddleware: [throwing],
      onDiagnostic: (message, error) => reported.push(`${message}: ${String(error)}`),
    });
    stack.server.setDefault(reply.ok("the answer"));
    const settled = await stack.call("load", { messages });
    expect(settled.ok).toBe(true);
    expect(settled.result?.output).toEqual(expected);
    await expectConsistent(stack, settled);
    expect(reported.some((line) => line.includes("middleware boom before next"))).toBe(true);
    expect(reported.some((line) => line.includes("middleware boom after next"))).toBe(true);
  });

  it("[case 12] a span processor that throws: same result, spans still exported, error to the diag logger", async () => {
    const expected = await baseline();
    const throwingProcessor: SpanProcessor = {
      onStart(_span: Span, _context: Context) {},
      onEnd(_span: ReadableSpan) {
        throw new Error("processor boom");
      },
      forceFlush: async () => undefined,
      shutdown: async () => undefined,
    };
    const mark = captured.length;
    const stack = await start({ spanProcessors: [throwingProcessor] });
    stack.server.setDefault(reply.ok("the answer"));
    const settled = await stack.call("load", { messages });
    expect(settled.ok).toBe(true);
    expect(settled.result?.output).toEqual(expected);
    await expectConsistent(stack, settled);
    const diag = captured.slice(mark).filter((line) => line.source === "diag");
    expect(diag.some((line) => line.text.includes("processor boom"))).toBe(true);
  });

  it("[case 12] a throwing user diagnostic handler (onDiagnostic) cannot change the result either", async () => {
    const expected = await baseline();
    const throwing: RouterMiddleware = {
      name: "throwing",
      onCall() {
        throw new Error("middleware boom");
      },
    };
    const stack = await start({
      outerMiddleware: [throwing],
      onDiagnostic: () => {
        throw new Error("the user's diagnostic handler threw");
      },
    });
    stack.server.setDefault(reply.ok("the answer"));
    const settled = await stack.call("load", { messages });
    expect(settled.error).toBeUndefined();
    expect(settled.result?.output).toEqual(expected);
  });

  it("[case 12] a user schema whose refine throws: a typed error, span and ledger record, no crash", async () => {
    const stack = await start();
    stack.server.setDefault(reply.ok({ label: "nda" }));
    const schema = z.object({ label: z.string() }).refine(() => {
      throw new Error("user refine boom");
    });
    const settled = await stack.call("structured", { messages, schema });
    expect(RoutingFailedError.isInstance(settled.error)).toBe(true);
    const { record, ledger } = await expectConsistent(stack, settled);
    expect(record.errorClass).toBe("unknown");
    expect(ledger.outcome).toBe("failed");
  });

  it("[case 12] provider values that cannot be attributes (object id, non-numeric usage) cost the attribute, not the call", async () => {
    const stack = await start();
    stack.server.setDefault({
      status: 200,
      body: {
        id: { nested: { not: "a string" } },
        object: "chat.completion",
        created: 1_700_000_000,
        model: "m-fast",
        choices: [{ index: 0, message: { role: "assistant", content: "the answer" }, finish_reason: "stop" }],
        usage: { prompt_tokens: "12", completion_tokens: Number.MAX_VALUE, total_tokens: null },
      },
    });
    const mark = captured.length;
    const settled = await stack.call("load", { messages });
    expect(settled.ok).toBe(true);
    expect(settled.result?.output).toBe("the answer");
    const { routed, attempts, ledger } = await expectConsistent(stack, settled);
    expect(attempts[0]?.attributes["gen_ai.response.id"]).toBeUndefined();
    expect(ledger.outcome).toBe("ok");
    // Whatever the usage turned into, span and ledger kept their types.
    for (const value of [routed.attributes["model_policy.usage.input_tokens"], ledger.input_tokens]) {
      expect(value === null || value === undefined || typeof value === "number").toBe(true);
    }
    expect(captured.slice(mark).filter((line) => line.level === "error")).toEqual([]);
  });
});

describe("[case 14] a thousand concurrent routed calls with retries", () => {
  it("[case 14] every attempt span's parent is its own routed span", async () => {
    const stack = await start();
    const seen = new Set<string>();
    // Each call's first attempt fails (503), its retry succeeds: two attempt spans per call.
    stack.server.setDefault((request) => {
      const key = JSON.stringify(request.body?.messages);
      if (seen.has(key)) return reply.ok("second time lucky");
      seen.add(key);
      return reply.serverError(503);
    });
    const calls = 1_000;
    const settled = await Promise.all(
      Array.from({ length: calls }, (_, index) =>
        stack.call("concurrent", { messages: canaryMessages(`call ${index}`) }),
      ),
    );
    expect(settled.filter((entry) => entry.ok)).toHaveLength(calls);
    await stack.flush(20_000);

    const spans = stack.receiver.spans;
    const routed = new Map(spans.filter((span) => span.name === "route concurrent").map((span) => [span.spanId, span]));
    const attempts = spans.filter((span) => span.name.startsWith("chat "));
    expect(routed.size).toBe(calls);
    expect(attempts).toHaveLength(2 * calls);
    const children = new Map<string, number>();
    for (const attempt of attempts) {
      const parent = routed.get(attempt.parentSpanId ?? "");
      expect(parent, `attempt ${attempt.spanId} has no routed parent`).toBeDefined();
      expect(attempt.traceId).toBe(parent!.traceId);
      children.set(parent!.spanId, (children.get(parent!.spanId) ?? 0) + 1);
    }
    for (const [spanId, span] of routed) {
      expect(children.get(spanId)).toBe(span.attributes["model_policy.attempts"]);
      expect(span.attributes["model_policy.attempts"]).toBe(2);
    }
    // Each caller's own call is the routed span it was told about, and the ledger agrees.
    expect(new Set(settled.map((entry) => entry.spanId)).size).toBe(calls);
    for (const entry of settled) expect(routed.get(entry.spanId!)?.traceId).toBe(entry.traceId);
    const ledger = await stack.ledger();
    expect(new Set(ledger.map((record) => record.span_id))).toEqual(new Set(routed.keys()));
    expect(stack.receiver.spansReceived).toBe(stack.counting.ended);
  }, 60_000);
});
