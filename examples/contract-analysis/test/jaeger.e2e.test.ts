import {
  getOperations,
  getServices,
  parentSpanId,
  pollUntil,
  type RunningStack,
  startStack,
  tagValue,
  waitForJaegerOperationMetrics,
  waitForTraces,
} from "@modelpolicy/testkit/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, type DemoRun, REPO_ROOT, runBuiltDemo } from "./built-demo.js";

// The bundled stack (collector + Jaeger as processes, the very configs docker compose mounts),
// the built demo sending to the collector, and Jaeger's HTTP API asked what the UI would show,
// its Monitor tab included (span metrics from the collector, through Prometheus).
const SERVICE = "contract-analysis";
const ROUTES = [
  "document_classification",
  "field_extraction",
  "clause_matching",
  "risk_judgement",
  "reviewer_summary",
  "exception_handling",
];

let stack: RunningStack | undefined;
let run: DemoRun;

beforeAll(async () => {
  assertBuilt();
  stack = await startStack({ withPrometheus: true });
  run = await runBuiltDemo({ OTEL_EXPORTER_OTLP_ENDPOINT: stack.otlpHttpEndpoint }, REPO_ROOT);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe("the demo in Jaeger", () => {
  it("lists service contract-analysis with every route and the provider attempts as operations", async () => {
    const { jaegerQueryUrl } = stack!;
    await pollUntil(async () => ((await getServices(jaegerQueryUrl)).includes(SERVICE) ? true : undefined), {
      timeoutMs: 20_000,
      describe: () => `service ${SERVICE} in Jaeger`,
    });
    const operations = await pollUntil(
      async () => {
        const names = (await getOperations(jaegerQueryUrl, SERVICE)).map((operation) => operation.name);
        return ROUTES.every((route) => names.includes(`route ${route}`)) ? names : undefined;
      },
      { timeoutMs: 20_000, describe: () => `all route operations of ${SERVICE}` },
    );
    expect(operations).toEqual(
      expect.arrayContaining([...ROUTES.map((route) => `route ${route}`), "chat gpt-4.1", "chat claude-sonnet-4-6"]),
    );
  });

  it("finds the risk judgement that fell back, by tag, with its reason, served model and failed attempts", async () => {
    const traces = await waitForTraces(
      stack!.jaegerQueryUrl,
      {
        service: SERVICE,
        operation: "route risk_judgement",
        tags: { "model_policy.fallback.used": true, "model_policy.fallback.reason": "server_error" },
        lookbackMs: 10 * 60_000,
      },
      { timeoutMs: 20_000 },
    );
    expect(traces).toHaveLength(1);
    const trace = traces[0]!;
    const routed = trace.spans.find((span) => span.operationName === "route risk_judgement")!;
    expect(tagValue(routed, "model_policy.fallback.used")).toBe(true);
    expect(tagValue(routed, "model_policy.fallback.reason")).toBe("server_error");
    expect(tagValue(routed, "model_policy.model.requested")).toBe("gpt-4.1");
    expect(tagValue(routed, "model_policy.model.served")).toBe("claude-sonnet-4-6");
    expect(tagValue(routed, "model_policy.outcome")).toBe("review");
    expect(tagValue(routed, "span.kind")).toBe("internal");
    const attempts = trace.spans.filter((span) => parentSpanId(span) === routed.spanID);
    expect(attempts.map((span) => span.operationName).sort()).toEqual([
      "chat claude-sonnet-4-6",
      "chat gpt-4.1",
      "chat gpt-4.1",
      "chat gpt-4.1",
    ]);
    expect(attempts.map((span) => tagValue(span, "gen_ai.provider.name")).sort()).toEqual([
      "anthropic",
      "openai",
      "openai",
      "openai",
    ]);
    expect(attempts.every((span) => tagValue(span, "span.kind") === "client")).toBe(true);
    expect(trace.processes[routed.processID]?.serviceName).toBe(SERVICE);

    // The decisions are logs on the routed span, inside the timeline's gaps: the retries of
    // gpt-4.1 with their cause and wait, then the fallback step to Claude.
    const events = routed.logs.map((log) => log.fields.find((field) => field.key === "event")?.value);
    expect(events).toEqual(expect.arrayContaining(["model_policy.retry", "model_policy.fallback"]));
    // GenAI conformance: every attempt names its server, and nothing carries gen_ai.system.
    expect(attempts.every((span) => typeof tagValue(span, "server.address") === "string")).toBe(true);
    expect(trace.spans.some((span) => span.tags.some((tag) => tag.key === "gen_ai.system"))).toBe(false);
    // One trace per document: the call sits with the document's other routes under its
    // invoke_workflow span.
    const workflow = trace.spans.find((span) => span.operationName === "invoke_workflow contract_analysis");
    expect(workflow).toBeDefined();
    expect(parentSpanId(routed)).toBe(workflow!.spanID);
    const routes = trace.spans
      .filter((span) => span.operationName.startsWith("route ") && parentSpanId(span) === workflow!.spanID)
      .map((span) => span.operationName);
    expect(new Set(routes).size).toBeGreaterThanOrEqual(5);

    const expected = run.summary.calls.filter((call) => call.task === "risk_judgement" && call.fallbackUsed);
    const all = await waitForTraces(
      stack!.jaegerQueryUrl,
      {
        service: SERVICE,
        operation: "route risk_judgement",
        tags: { "model_policy.fallback.used": true },
        lookbackMs: 10 * 60_000,
      },
      { minCount: expected.length, timeoutMs: 20_000 },
    );
    const reasons = all.flatMap((found) =>
      found.spans
        .filter((span) => span.operationName === "route risk_judgement")
        .map((span) => tagValue(span, "model_policy.fallback.reason")),
    );
    expect(reasons.sort()).toEqual(expected.map((call) => call.fallbackReason).sort());
  });

  it("shows every route and the provider attempts in the Monitor tab, with a call rate from Prometheus", async () => {
    // The routed spans are INTERNAL and the attempts CLIENT; Jaeger's default is SERVER only.
    const series = await waitForJaegerOperationMetrics(
      stack!.jaegerQueryUrl,
      { service: SERVICE, kind: "calls", spanKinds: ["internal", "client"] },
      [...ROUTES.map((route) => `route ${route}`), "chat gpt-4.1", "chat claude-sonnet-4-6"],
      { timeoutMs: 30_000 },
    );
    const rate = (operation: string): number =>
      Math.max(...(series.find((one) => one.labels.operation === operation)?.values ?? []).filter(Number.isFinite));
    expect(series.every((one) => one.labels.service_name === SERVICE)).toBe(true);
    // More attempts than routed calls reach gpt-4.1 (its 503s are retried), so its rate is higher.
    expect(rate("chat gpt-4.1")).toBeGreaterThan(rate("route risk_judgement"));
  }, 60_000);
});
