import { context, metrics, propagation, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "sdk-trace-base-v2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { scriptedRouter, user } from "../__fixtures__/scripted-router.js";
import { createTelemetryMiddleware } from "../create-telemetry-middleware.js";
import { sdk2Packages } from "./__fixtures__/package-finders.js";
import { startTelemetryFrom, type TelemetryHandle } from "./start-telemetry.js";
import { TelemetrySdkMissingError } from "./telemetry-sdk-missing-error.js";

// SDK 3 through the real OTLP exporter is in start-telemetry.test.ts; here the same start-up runs
// on SDK 2 as an app that installed only SDK 2 sees it (no 0.2xx OTLP exporter is installed in
// this workspace, so it feeds an extra exporter), and with no SDK at all.

const handles: TelemetryHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.shutdown();
  vi.unstubAllEnvs();
  trace.disable();
  metrics.disable();
  context.disable();
  propagation.disable();
});

describe("startTelemetry on SDK 2", () => {
  it("registers SDK 2's provider, context manager and propagator, and exports the middleware's spans", async () => {
    const exporter = new InMemorySpanExporter();
    const handle = startTelemetryFrom(sdk2Packages, {
      serviceName: "sdk2-service",
      otlp: false,
      extraSpanExporters: [exporter],
      exitHooks: false,
    });
    handles.push(handle);

    const { adapter, router } = scriptedRouter([createTelemetryMiddleware()]);
    adapter.script("fast-model", { reply: "done" });
    await router.run("classification", { messages: user("x") });
    await handle.forceFlush();

    const spans = exporter.getFinishedSpans();
    const routed = spans.find((span) => span.name === "route classification");
    const attempt = spans.find((span) => span.name === "chat fast-model");
    // The parent link survives the router's awaits only with an async context manager registered.
    expect(attempt?.parentSpanContext?.spanId).toBe(routed?.spanContext().spanId);
    expect(routed?.resource.attributes["service.name"]).toBe("sdk2-service");
    expect(String(routed?.resource.attributes["telemetry.sdk.version"])).toMatch(/^2\./);
    expect(propagation.fields()).toEqual(expect.arrayContaining(["traceparent", "baggage"]));
  });
});

describe("startTelemetry without an SDK", () => {
  it("throws a TelemetrySdkMissingError naming what to install, and registers nothing", () => {
    const listenersBefore = process.listenerCount("SIGTERM");
    let thrown: unknown;
    try {
      handles.push(startTelemetryFrom(() => undefined, { endpoint: "http://127.0.0.1:9" }));
    } catch (error) {
      thrown = error;
    }
    expect(TelemetrySdkMissingError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toContain("Install: pnpm add @opentelemetry/sdk-trace@^3");
    expect(process.listenerCount("SIGTERM")).toBe(listenersBefore);
    expect(trace.getTracer("probe").startSpan("probe").isRecording()).toBe(false);
  });

  it("needs no SDK when OTEL_SDK_DISABLED=true", () => {
    vi.stubEnv("OTEL_SDK_DISABLED", "true");
    const handle = startTelemetryFrom(() => undefined, {});
    handles.push(handle);
    expect(handle.enabled).toBe(false);
  });
});
