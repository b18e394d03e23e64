import type { AdapterCall, AdapterResponse, ModelAdapter } from "@modelpolicy/core";
import { metrics, trace } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scriptedRouter, user } from "./__fixtures__/scripted-router.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";

/**
 * An adapter that does what an instrumented HTTP client or vendor SDK does: starts its own span
 * under whatever span is active when `generate` runs.
 */
class SpanningAdapter implements ModelAdapter {
  readonly specificationVersion = "v1" as const;
  readonly provider = "scripted";
  activeSpanIds: (string | undefined)[] = [];

  constructor(private readonly harness: TelemetryHarness) {}

  async generate(call: AdapterCall): Promise<AdapterResponse> {
    this.activeSpanIds.push(trace.getActiveSpan()?.spanContext().spanId);
    const tracer = this.harness.tracerProvider.getTracer("fake-http");
    await new Promise((resolve) => setTimeout(resolve, 1));
    const span = tracer.startSpan("POST /v1/chat/completions");
    span.end();
    return {
      text: "fine",
      usage: { inputTokens: 3, outputTokens: 1 },
      finishReason: "stop",
      servedModel: call.model,
      responseId: "resp-123",
    };
  }
}

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  await harness.close();
});

describe("context propagation", () => {
  it("nests spans started inside the adapter under the attempt span, under the routed span, under the caller's span", async () => {
    const adapter = new SpanningAdapter(harness);
    const middleware = createTelemetryMiddleware({
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
    });
    const { router } = scriptedRouter([middleware], adapter as never);
    const outer = harness.tracerProvider.getTracer("app");
    await outer.startActiveSpan("handle request", async (span) => {
      await router.run("classification", { messages: user("x") });
      span.end();
    });

    const byName = (name: string) => harness.spans().find((span) => span.name === name);
    const request = byName("handle request");
    const routed = byName("route classification");
    const attempt = byName("chat fast-model");
    const http = byName("POST /v1/chat/completions");
    expect(routed?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(attempt?.parentSpanContext?.spanId).toBe(routed?.spanContext().spanId);
    expect(http?.parentSpanContext?.spanId).toBe(attempt?.spanContext().spanId);
    expect(adapter.activeSpanIds).toEqual([attempt?.spanContext().spanId]);
    expect(attempt?.attributes["gen_ai.response.id"]).toBe("resp-123");
    expect(new Set(harness.spans().map((span) => span.spanContext().traceId)).size).toBe(1);
  });

  it("defaults to the global providers, including a meter provider registered after the middleware was made", async () => {
    const middleware = createTelemetryMiddleware();
    trace.setGlobalTracerProvider(harness.tracerProvider);
    metrics.setGlobalMeterProvider(harness.meterProvider);
    const { adapter, router } = scriptedRouter([middleware]);
    adapter.script("fast-model", { reply: "done" });
    await router.run("classification", { messages: user("x") });
    expect(harness.routedSpans()).toHaveLength(1);
    expect(harness.attemptSpans()).toHaveLength(1);
    const calls = await harness.points("model_policy.calls");
    expect(calls.map((point) => point.value)).toEqual([1]);
  });
});
