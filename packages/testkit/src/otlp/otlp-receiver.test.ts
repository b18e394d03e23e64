import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OtlpReceiver } from "./otlp-receiver.js";

const receiver = new OtlpReceiver();

beforeAll(async () => {
  await receiver.start();
});
afterEach(() => receiver.clear());
afterAll(() => receiver.close());

const TRACE_ID = "5b8efff798038103d269b633813fc60c";
const SPAN_ID = "eee19b7ec3c1b174";
const PARENT_ID = "eee19b7ec3c1b173";

function tracePayload(name = "route field_extraction") {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: "service.name", value: { stringValue: "invoice-service" } },
            { key: "service.instance.id", value: { intValue: "7" } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: "@modelpolicy/otel", version: "0.1.0" },
            spans: [
              {
                traceId: TRACE_ID,
                spanId: SPAN_ID,
                parentSpanId: PARENT_ID,
                name,
                kind: 3,
                startTimeUnixNano: "1700000000000000000",
                endTimeUnixNano: "1700000000250000000",
                attributes: [
                  { key: "model_policy.task", value: { stringValue: "field_extraction" } },
                  { key: "model_policy.attempts", value: { intValue: "2" } },
                  { key: "model_policy.cost.usd", value: { doubleValue: 0.0042 } },
                  { key: "model_policy.fallback.used", value: { boolValue: true } },
                  {
                    key: "model_policy.review.reasons",
                    value: { arrayValue: { values: [{ stringValue: "risk" }, { stringValue: "fallback_used" }] } },
                  },
                  { key: "nested", value: { kvlistValue: { values: [{ key: "a", value: { intValue: 1 } }] } } },
                  { key: "empty", value: {} },
                ],
                events: [
                  {
                    name: "exception",
                    timeUnixNano: "1700000000100000000",
                    attributes: [{ key: "exception.type", value: { stringValue: "RateLimitError" } }],
                  },
                ],
                status: { code: 2, message: "rate limited" },
              },
            ],
          },
        ],
      },
    ],
  };
}

function post(path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${receiver.endpoint}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

describe("OtlpReceiver", () => {
  it("decodes an OTLP/JSON trace into flat span records", async () => {
    const response = await post("/v1/traces", JSON.stringify(tracePayload()));
    expect(response.status).toBe(200);
    expect(receiver.spans).toHaveLength(1);
    expect(receiver.spans[0]).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      parentSpanId: PARENT_ID,
      name: "route field_extraction",
      kind: "CLIENT",
      otlpKind: 3,
      startTimeUnixNano: "1700000000000000000",
      endTimeUnixNano: "1700000000250000000",
      durationMs: 250,
      attributes: {
        "model_policy.task": "field_extraction",
        "model_policy.attempts": 2,
        "model_policy.cost.usd": 0.0042,
        "model_policy.fallback.used": true,
        "model_policy.review.reasons": ["risk", "fallback_used"],
        nested: { a: 1 },
        empty: null,
      },
      status: { code: 2, message: "rate limited" },
      events: [
        { name: "exception", timeUnixNano: "1700000000100000000", attributes: { "exception.type": "RateLimitError" } },
      ],
      resource: { "service.name": "invoice-service", "service.instance.id": 7 },
      serviceName: "invoice-service",
      scope: { name: "@modelpolicy/otel", version: "0.1.0" },
    });
    expect(receiver.spansReceived).toBeGreaterThanOrEqual(1);
  });

  it("accepts gzip-compressed bodies", async () => {
    const body = gzipSync(JSON.stringify(tracePayload("gzipped")));
    const response = await post("/v1/traces", body, { "content-encoding": "gzip" });
    expect(response.status).toBe(200);
    expect(receiver.spans.map((span) => span.name)).toEqual(["gzipped"]);
  });

  it("converts base64 ids to hex", async () => {
    const payload = tracePayload();
    const span = payload.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    span.traceId = Buffer.from(TRACE_ID, "hex").toString("base64");
    span.spanId = Buffer.from(SPAN_ID, "hex").toString("base64");
    await post("/v1/traces", JSON.stringify(payload));
    expect(receiver.spans[0]).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
  });

  it("fails the next n requests with 503 and Retry-After, storing nothing from them", async () => {
    receiver.failNext(2, { status: 503, retryAfterSeconds: 3 });
    const before = receiver.spansReceived;
    const first = await post("/v1/traces", JSON.stringify(tracePayload("one")));
    const second = await post("/v1/traces", JSON.stringify(tracePayload("two")));
    const third = await post("/v1/traces", JSON.stringify(tracePayload("three")));
    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.headers.get("retry-after")).toBe("3");
    expect(receiver.spans.map((span) => span.name)).toEqual(["three"]);
    expect(receiver.requestsReceived).toBe(3);
    expect(receiver.spansReceived - before).toBe(1);
  });

  it("answers protobuf with 415 and unknown paths with 404", async () => {
    const protobuf = await post("/v1/traces", Buffer.from([0x0a, 0x00]), { "content-type": "application/x-protobuf" });
    expect(protobuf.status).toBe(415);
    const unknown = await post("/v1/profiles", "{}");
    expect(unknown.status).toBe(404);
    expect(receiver.spans).toHaveLength(0);
  });

  it("decodes metrics into flat data points", async () => {
    const resource = { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] };
    const attributes = [{ key: "model_policy.task", value: { stringValue: "summarize" } }];
    const payload = {
      resourceMetrics: [
        {
          resource,
          scopeMetrics: [
            {
              scope: { name: "@modelpolicy/otel" },
              metrics: [
                {
                  name: "model_policy.calls",
                  unit: "{call}",
                  sum: {
                    aggregationTemporality: 2,
                    isMonotonic: true,
                    dataPoints: [{ attributes, asInt: "3", timeUnixNano: "1700000000000000000" }],
                  },
                },
                { name: "model_policy.cost", unit: "USD", sum: { dataPoints: [{ attributes, asDouble: 0.25 }] } },
                {
                  name: "gen_ai.client.operation.duration",
                  unit: "s",
                  histogram: {
                    aggregationTemporality: 2,
                    dataPoints: [
                      {
                        attributes,
                        count: "4",
                        sum: 1.5,
                        min: 0.1,
                        max: 0.9,
                        bucketCounts: ["1", "3"],
                        explicitBounds: [0.5],
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    expect((await post("/v1/metrics", JSON.stringify(payload))).status).toBe(200);
    const [calls, cost, duration] = receiver.metrics;
    expect(calls).toMatchObject({
      name: "model_policy.calls",
      type: "sum",
      value: 3,
      isMonotonic: true,
      attributes: { "model_policy.task": "summarize" },
      serviceName: "svc",
    });
    expect(cost).toMatchObject({ name: "model_policy.cost", unit: "USD", value: 0.25 });
    expect(duration).toMatchObject({
      type: "histogram",
      count: 4,
      sum: 1.5,
      min: 0.1,
      max: 0.9,
      bucketCounts: [1, 3],
      explicitBounds: [0.5],
    });
    await expect(receiver.waitForMetrics((point) => point.name === "model_policy.cost")).resolves.toHaveLength(1);
  });

  it("decodes logs", async () => {
    const payload = {
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                { severityNumber: 9, severityText: "INFO", body: { stringValue: "hello" }, traceId: TRACE_ID },
              ],
            },
          ],
        },
      ],
    };
    await post("/v1/logs", JSON.stringify(payload));
    expect(receiver.logs[0]).toMatchObject({ severityText: "INFO", body: "hello", traceId: TRACE_ID, spanId: "" });
  });

  it("waits for spans that arrive later, by count or by predicate", async () => {
    setTimeout(() => void post("/v1/traces", JSON.stringify(tracePayload("late"))), 50);
    await expect(receiver.waitForSpans(1, 2_000)).resolves.toHaveLength(1);
    const matches = await receiver.waitForSpans((span) => span.name === "late", 100);
    expect(matches[0]!.name).toBe("late");
  });

  it("rejects waitForSpans after the timeout with what did arrive", async () => {
    await post("/v1/traces", JSON.stringify(tracePayload("something else")));
    await expect(receiver.waitForSpans((span) => span.name === "never", 100)).rejects.toThrow(
      /timed out after 100 ms waiting for a span matching the predicate; received 1: something else/,
    );
  });

  it("delays answers, and drops data whose client gave up", async () => {
    receiver.setDelay(150);
    const started = Date.now();
    expect((await post("/v1/traces", JSON.stringify(tracePayload("slow")))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(receiver.spans.map((span) => span.name)).toEqual(["slow"]);
    receiver.clear();
    receiver.setDelay(300);
    await expect(
      fetch(receiver.tracesUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(tracePayload("dropped")),
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(receiver.spans).toHaveLength(0);
    expect(receiver.requests[0]!.status).toBeUndefined();
  });
});
