import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOperations, getServices, waitForTraces } from "./jaeger-api.js";
import { waitForJaegerOperationMetrics } from "./jaeger-metrics-api.js";
import { parentSpanId, tagValue } from "./jaeger-trace.js";
import { queryPrometheus, waitForPrometheusSamples } from "./prometheus-api.js";
import { type RunningStack, startStack } from "./start-stack.js";

// Hand-built OTLP/JSON, so this test checks the stack itself and not an SDK's exporter.
async function postOtlpJson(endpoint: string, signal: "traces" | "metrics", body: unknown): Promise<void> {
  const response = await fetch(`${endpoint}/v1/${signal}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.text()).toBe(200);
}

const nanos = (milliseconds: number): string => (BigInt(milliseconds) * 1_000_000n).toString();
const resource = (service: string) => ({ attributes: [{ key: "service.name", value: { stringValue: service } }] });

describe("bundled stack (Jaeger collector + Jaeger query + Prometheus as processes)", () => {
  let stack: RunningStack | undefined;
  const service = `stack-e2e-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    stack = await startStack({ withPrometheus: true });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("carries an OTLP/HTTP span through the collector into Jaeger's query API", async () => {
    const { otlpHttpEndpoint, jaegerQueryUrl } = stack!;
    const traceId = randomBytes(16).toString("hex");
    const rootId = randomBytes(8).toString("hex");
    const childId = randomBytes(8).toString("hex");
    const start = Date.now() - 50;
    await postOtlpJson(otlpHttpEndpoint, "traces", {
      resourceSpans: [
        {
          resource: resource(service),
          scopeSpans: [
            {
              scope: { name: "stack-e2e" },
              spans: [
                {
                  traceId,
                  spanId: rootId,
                  name: "route field_extraction",
                  kind: 1,
                  startTimeUnixNano: nanos(start),
                  endTimeUnixNano: nanos(start + 40),
                  attributes: [
                    { key: "model_policy.task", value: { stringValue: "field_extraction" } },
                    { key: "model_policy.attempts", value: { intValue: "2" } },
                    { key: "model_policy.fallback.used", value: { boolValue: true } },
                    { key: "model_policy.cost.usd", value: { doubleValue: 0.0125 } },
                  ],
                },
                {
                  traceId,
                  spanId: childId,
                  parentSpanId: rootId,
                  name: "chat gpt-4o-mini",
                  kind: 3,
                  startTimeUnixNano: nanos(start + 5),
                  endTimeUnixNano: nanos(start + 30),
                  attributes: [{ key: "gen_ai.request.model", value: { stringValue: "gpt-4o-mini" } }],
                },
              ],
            },
          ],
        },
      ],
    });

    const traces = await waitForTraces(jaegerQueryUrl, {
      service,
      tags: { "model_policy.task": "field_extraction", "model_policy.fallback.used": true },
      lookbackMs: 10 * 60_000,
    });
    expect(traces).toHaveLength(1);
    const trace = traces[0]!;
    expect(trace.traceID).toBe(traceId);
    const root = trace.spans.find((span) => span.spanID === rootId)!;
    const child = trace.spans.find((span) => span.spanID === childId)!;
    expect(root.operationName).toBe("route field_extraction");
    expect(tagValue(root, "model_policy.attempts")).toBe(2);
    expect(tagValue(root, "model_policy.fallback.used")).toBe(true);
    expect(tagValue(root, "model_policy.cost.usd")).toBe(0.0125);
    expect(tagValue(root, "span.kind")).toBe("internal");
    expect(parentSpanId(child)).toBe(rootId);
    expect(tagValue(child, "span.kind")).toBe("client");
    expect(trace.processes[root.processID]?.serviceName).toBe(service);

    expect(await getServices(jaegerQueryUrl)).toContain(service);
    const operations = (await getOperations(jaegerQueryUrl, service)).map((operation) => operation.name);
    expect(operations.sort()).toEqual(["chat gpt-4o-mini", "route field_extraction"]);
  });

  it("exposes an OTLP sum through the collector's exporter to PromQL", async () => {
    const { otlpHttpEndpoint, prometheusUrl, collectorMetricsUrl } = stack!;
    const now = Date.now();
    await postOtlpJson(otlpHttpEndpoint, "metrics", {
      resourceMetrics: [
        {
          resource: resource(service),
          scopeMetrics: [
            {
              scope: { name: "stack-e2e" },
              metrics: [
                {
                  name: "model_policy.calls",
                  unit: "{call}",
                  sum: {
                    aggregationTemporality: 2, // cumulative, what the prometheus exporter keeps
                    isMonotonic: true,
                    dataPoints: [
                      {
                        asInt: "3",
                        startTimeUnixNano: nanos(now - 1_000),
                        timeUnixNano: nanos(now),
                        attributes: [{ key: "model_policy.task", value: { stringValue: "field_extraction" } }],
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    });

    // The prometheus exporter names the sum `<name>_total`, dots become underscores, and with
    // `honor_labels` the `job` label is the sending service.
    const samples = await waitForPrometheusSamples(
      prometheusUrl!,
      `sum by (model_policy_task) (model_policy_calls_total{job="${service}"})`,
    );
    expect(samples).toEqual([{ metric: { model_policy_task: "field_extraction" }, value: [expect.any(Number), "3"] }]);
    expect(await (await fetch(collectorMetricsUrl)).text()).toContain("model_policy_calls_total{");
  });

  it("feeds span metrics to Prometheus and answers Jaeger's metrics API (the Monitor tab)", async () => {
    const { otlpHttpEndpoint, prometheusUrl, jaegerQueryUrl } = stack!;
    const monitored = `${service}-monitor`;
    const postSpan = (durationMs: number) => {
      const start = Date.now() - durationMs;
      return postOtlpJson(otlpHttpEndpoint, "traces", {
        resourceSpans: [
          {
            resource: resource(monitored),
            scopeSpans: [
              {
                scope: { name: "stack-e2e" },
                spans: [
                  {
                    traceId: randomBytes(16).toString("hex"),
                    spanId: randomBytes(8).toString("hex"),
                    name: "route clause_matching",
                    kind: 1,
                    startTimeUnixNano: nanos(start),
                    endTimeUnixNano: nanos(start + durationMs),
                  },
                ],
              },
            ],
          },
        ],
      });
    };
    await postSpan(20);
    // One span is enough for a rate: the connector emits a new series at 0 before counting it.
    const series = await waitForJaegerOperationMetrics(
      jaegerQueryUrl,
      { service: monitored, kind: "calls", spanKinds: ["internal"] },
      ["route clause_matching"],
    );
    expect(series).toHaveLength(1);
    expect(series[0]!.labels).toMatchObject({ operation: "route clause_matching", service_name: monitored });
    const calls = `traces_span_metrics_calls_total{service_name="${monitored}",span_name="route clause_matching"}`;
    const samples = await queryPrometheus(prometheusUrl!, calls);
    expect(samples.map((sample) => [sample.metric.span_kind, sample.value[1]])).toEqual([["SPAN_KIND_INTERNAL", "1"]]);

    // Histogram buckets start at their first count, so a latency quantile needs a second flush:
    // wait until Prometheus holds the first, then send a 40 ms span (bucket 10 < le <= 50).
    await waitForPrometheusSamples(
      prometheusUrl!,
      `traces_span_metrics_duration_milliseconds_count{service_name="${monitored}"}`,
    );
    await postSpan(40);
    const latencies = await waitForJaegerOperationMetrics(
      jaegerQueryUrl,
      { service: monitored, kind: "latencies", spanKinds: ["internal"], quantile: 0.95 },
      ["route clause_matching"],
    );
    const p95 = Math.max(...latencies[0]!.values.filter((value) => !Number.isNaN(value)));
    expect(p95).toBeGreaterThan(10);
    expect(p95).toBeLessThanOrEqual(50);
  }, 60_000);
});
