import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OtlpReceiver } from "./otlp-receiver.js";

// The receiver must decode what the real exporter sends, not only hand-built payloads.
const receiver = new OtlpReceiver();

beforeAll(async () => {
  await receiver.start();
});
afterAll(() => receiver.close());

describe("OtlpReceiver with @opentelemetry/exporter-trace-otlp-http", () => {
  it("receives what the real OTLP/HTTP exporter sends, retrying through a scripted 503", async () => {
    receiver.failNext(1, { status: 503, retryAfterSeconds: 0 });
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": "exporter-test" }),
      spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: receiver.tracesUrl }) })],
    });
    const tracer = provider.getTracer("testkit-test", "1.2.3");
    // No context manager is registered here, so the parent is passed explicitly.
    const parentSpan = tracer.startSpan("route summarize");
    const child = tracer.startSpan(
      "chat gpt-4o-mini",
      {
        kind: SpanKind.CLIENT,
        attributes: { "gen_ai.usage.input_tokens": 12, "model_policy.review.reasons": ["risk"] },
      },
      trace.setSpan(context.active(), parentSpan),
    );
    child.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
    child.end();
    parentSpan.end();
    await provider.shutdown();

    const spans = await receiver.waitForSpans(2);
    const parent = spans.find((span) => span.name === "route summarize")!;
    const received = spans.find((span) => span.name === "chat gpt-4o-mini")!;
    expect(parent).toMatchObject({ kind: "INTERNAL", parentSpanId: undefined, serviceName: "exporter-test" });
    expect(received).toMatchObject({
      kind: "CLIENT",
      traceId: parent.traceId,
      parentSpanId: parent.spanId,
      attributes: { "gen_ai.usage.input_tokens": 12, "model_policy.review.reasons": ["risk"] },
      status: { code: SpanStatusCode.ERROR, message: "boom" },
      scope: { name: "testkit-test", version: "1.2.3" },
    });
    expect(received.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(received.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.requests.map((request) => request.status)).toEqual([503, 200]);
  });
});
