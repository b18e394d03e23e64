import { OtlpReceiver } from "@modelpolicy/testkit";
import { context, metrics, propagation, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it, vi } from "vitest";
import { scriptedRouter, user } from "../__fixtures__/scripted-router.js";
import { createTelemetryMiddleware } from "../create-telemetry-middleware.js";
import { startTelemetry, type TelemetryHandle } from "./start-telemetry.js";

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
  trace.disable();
  metrics.disable();
  context.disable();
  propagation.disable();
});

function track(handle: TelemetryHandle): TelemetryHandle {
  cleanups.push(() => handle.shutdown());
  return handle;
}

/** The testkit's loopback collector stand-in, closed after the test. */
async function receiver(): Promise<OtlpReceiver> {
  const otlp = new OtlpReceiver();
  await otlp.start();
  cleanups.push(() => otlp.close());
  return otlp;
}

describe("startTelemetry", () => {
  it("does nothing at all when OTEL_SDK_DISABLED=true", async () => {
    vi.stubEnv("OTEL_SDK_DISABLED", "true");
    const listenersBefore = process.listenerCount("SIGTERM");
    const handle = track(startTelemetry({ endpoint: "http://127.0.0.1:9" }));
    expect(handle.enabled).toBe(false);
    expect(process.listenerCount("SIGTERM")).toBe(listenersBefore);
    expect(trace.getTracer("probe").startSpan("probe").isRecording()).toBe(false);
    await handle.forceFlush();
    await handle.shutdown();
  });

  it("exports the middleware's spans and metrics over OTLP/HTTP with the service name", async () => {
    const otlp = await receiver();
    const handle = track(startTelemetry({ endpoint: otlp.endpoint, serviceName: "otel-start-test", exitHooks: false }));
    expect(handle.enabled).toBe(true);

    const { adapter, router } = scriptedRouter([createTelemetryMiddleware()]);
    adapter.script("fast-model", { reply: "done" });
    await router.run("classification", { messages: user("x") });
    await handle.forceFlush();

    const [routed] = await otlp.waitForSpans((span) => span.name === "route classification");
    const [attempt] = await otlp.waitForSpans((span) => span.name === "chat fast-model");
    expect(routed?.serviceName).toBe("otel-start-test");
    expect(routed?.kind).toBe("INTERNAL");
    expect(routed?.attributes).toMatchObject({
      "model_policy.id": "classify",
      "model_policy.outcome": "ok",
      "model_policy.attempts": 1,
    });
    expect(attempt?.parentSpanId).toBe(routed?.spanId);
    expect(attempt?.kind).toBe("CLIENT");
    const calls = await otlp.waitForMetrics((point) => point.name === "model_policy.calls");
    expect(calls[0]?.attributes).toMatchObject({ "model_policy.task": "classification", "model_policy.outcome": "ok" });
    await otlp.waitForMetrics((point) => point.name === "gen_ai.client.token.usage");
  });

  it("takes the service name from OTEL_SERVICE_NAME when the option is absent", async () => {
    vi.stubEnv("OTEL_SERVICE_NAME", "service-from-env");
    const otlp = await receiver();
    const handle = track(startTelemetry({ endpoint: otlp.endpoint, exitHooks: false }));
    trace.getTracer("app").startSpan("named").end();
    await handle.forceFlush();
    const [span] = await otlp.waitForSpans(1);
    expect(span?.serviceName).toBe("service-from-env");
    expect(span?.resource["telemetry.sdk.language"]).toBe("nodejs");
    // The workspace installs SDK 3, and startTelemetry picked it: resources 3 stamp their version.
    expect(String(span?.resource["telemetry.sdk.version"])).toMatch(/^3\./);
  });

  it("feeds extra span exporters and processors, and removes its exit hooks on shutdown", async () => {
    const otlp = await receiver();
    const extra = new InMemorySpanExporter();
    const processed = new InMemorySpanExporter();
    const listenersBefore = process.listenerCount("SIGTERM");
    const handle = startTelemetry({
      endpoint: otlp.endpoint,
      extraSpanExporters: [extra],
      spanProcessors: [new SimpleSpanProcessor({ exporter: processed })],
    });
    expect(process.listenerCount("SIGTERM")).toBe(listenersBefore + 1);
    expect(process.listenerCount("SIGINT")).toBeGreaterThan(0);
    trace.getTracer("app").startSpan("unit of work").end();
    await handle.forceFlush();
    expect(extra.getFinishedSpans().map((span) => span.name)).toEqual(["unit of work"]);
    expect(processed.getFinishedSpans().map((span) => span.name)).toEqual(["unit of work"]);
    await handle.shutdown();
    expect(process.listenerCount("SIGTERM")).toBe(listenersBefore);
  });

  it("sends nothing over OTLP when otlp is false, and still feeds extra exporters", async () => {
    const otlp = await receiver();
    const extra = new InMemorySpanExporter();
    const handle = startTelemetry({
      endpoint: otlp.endpoint,
      otlp: false,
      extraSpanExporters: [extra],
      exitHooks: false,
    });
    trace.getTracer("app").startSpan("local only").end();
    await handle.forceFlush();
    expect(extra.getFinishedSpans().map((span) => span.name)).toEqual(["local only"]);
    await handle.shutdown();
    expect(otlp.requestsReceived).toBe(0);
  });

  it("bounds shutdown by its timeout when the collector never answers", async () => {
    const otlp = await receiver();
    otlp.setDelay(60_000);
    const handle = startTelemetry({ endpoint: otlp.endpoint, shutdownTimeoutMillis: 300, exitHooks: false });
    trace.getTracer("app").startSpan("doomed").end();
    const started = performance.now();
    await handle.shutdown();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(otlp.requestsReceived).toBeGreaterThan(0);
    expect(otlp.spans).toEqual([]);
  });
});
