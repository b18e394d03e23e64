import type { MeterProvider, Tracer, TracerProvider } from "@opentelemetry/api";
import type { SpanProcessor } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { scriptedRouter, user } from "./__fixtures__/scripted-router.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";
import { sanitizeAttributes } from "./sanitize-attributes.js";

const labelSchema = z.object({ label: z.string() });

/** A span processor that breaks the way a buggy vendor processor does. */
function throwingProcessor(on: "start" | "end"): SpanProcessor {
  return {
    onStart: () => {
      if (on === "start") throw new Error("processor failed on start");
    },
    onEnd: () => {
      if (on === "end") throw new Error("processor failed on end");
    },
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  };
}

let harness: TelemetryHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function runWith(options: Parameters<typeof createTelemetryMiddleware>[0]) {
  const errors: string[] = [];
  const middleware = createTelemetryMiddleware({ ...options, onError: (message) => errors.push(message) });
  const { adapter, router, diagnostics } = scriptedRouter([middleware]);
  adapter.script("fast-model", { reply: { label: "nda" } });
  const result = await router.run("classification", { messages: user("x"), schema: labelSchema });
  const rejected = await router
    .run("classification", { messages: user("word ".repeat(5000)) })
    .catch((error: unknown) => error);
  return { result, rejected, errors, diagnostics };
}

describe("telemetry never breaks the host", () => {
  it("returns the same result when a span processor throws on end", async () => {
    harness = new TelemetryHarness([throwingProcessor("end")]);
    const { result, rejected, errors, diagnostics } = await runWith({
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
    });
    expect(result.outcome).toBe("ok");
    expect(result.output).toEqual({ label: "nda" });
    expect((rejected as Error).name).toBe("BudgetExceededError");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((message) => message.includes("span processor"))).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(harness.routedSpans()).toHaveLength(2);
  });

  it("runs the call without a span when starting one throws", async () => {
    harness = new TelemetryHarness([throwingProcessor("start")]);
    const { result, rejected, errors, diagnostics } = await runWith({
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
    });
    expect(result.output).toEqual({ label: "nda" });
    expect((rejected as Error).name).toBe("BudgetExceededError");
    expect(errors.some((message) => message.includes("could not start a span"))).toBe(true);
    expect(diagnostics).toEqual([]);
  });

  it("survives a tracer provider and a meter provider that throw", async () => {
    const broken = () => {
      throw new Error("provider is broken");
    };
    const tracerProvider: TracerProvider = { getTracer: broken as () => Tracer };
    const meterProvider = { getMeter: broken } as unknown as MeterProvider;
    const { result, rejected, errors, diagnostics } = await runWith({ tracerProvider, meterProvider });
    expect(result.output).toEqual({ label: "nda" });
    expect((rejected as Error).name).toBe("BudgetExceededError");
    expect(errors.length).toBeGreaterThan(0);
    expect(diagnostics).toEqual([]);
  });

  it("survives an error handler that throws", async () => {
    harness = new TelemetryHarness([throwingProcessor("end")]);
    const middleware = createTelemetryMiddleware({
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
      onError: () => {
        throw new Error("handler is broken too");
      },
    });
    const { adapter, router, diagnostics } = scriptedRouter([middleware]);
    adapter.script("fast-model", { reply: { label: "nda" } });
    const result = await router.run("classification", { messages: user("x"), schema: labelSchema });
    expect(result.output).toEqual({ label: "nda" });
    expect(diagnostics).toEqual([]);
  });

  it("drops attribute values an exporter could not serialise instead of throwing", () => {
    const attributes = sanitizeAttributes({
      ok: "yes",
      count: 3,
      ratio: 0.5,
      flag: false,
      list: ["a", "b"],
      nan: Number.NaN,
      infinite: Number.POSITIVE_INFINITY,
      mixed: ["a", 1] as unknown as string[],
      object: { nested: true } as unknown as string,
      missing: undefined,
    });
    expect(attributes).toEqual({ ok: "yes", count: 3, ratio: 0.5, flag: false, list: ["a", "b"] });
  });
});
