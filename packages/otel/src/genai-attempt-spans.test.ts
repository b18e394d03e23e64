import { createRequire } from "node:module";
import { createRouter, type ModelAdapter, parsePolicyTable, type RouterMiddleware } from "@modelpolicy/core";
import { ScriptedAdapter } from "@modelpolicy/core/testing";
import { FakeOpenAIServer } from "@modelpolicy/testkit";
import { context, SpanKind, trace } from "@opentelemetry/api";
import { OpenAIInstrumentation } from "@opentelemetry/instrumentation-openai";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import type OpenAI from "openai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openAIChatAdapter } from "./__fixtures__/openai-chat-adapter.js";
import { testTable } from "./__fixtures__/tables.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware, type GenAiAttemptSpans } from "./create-telemetry-middleware.js";
import { INSTRUMENTATION_NAME } from "./version.js";

// instrumentation-openai 0.21 on openai 6 against the fake server: what a service that runs both
// sees. The instrumentation patches `openai` when it is loaded, so it is enabled first and the
// module is `require`d afterwards: its require hook patches CommonJS loads, while an ESM
// `import()` would need the `--import @opentelemetry/instrumentation/hook.mjs` loader.

const USAGE = "gen_ai.usage.input_tokens";
const instrumentation = new OpenAIInstrumentation({ enabled: false });
const server = new FakeOpenAIServer();
let OpenAIClient: typeof OpenAI;

beforeAll(async () => {
  instrumentation.enable();
  OpenAIClient = createRequire(import.meta.url)("openai").OpenAI;
  await server.start();
});
afterAll(async () => {
  instrumentation.disable();
  await server.close();
});

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
  instrumentation.setTracerProvider(harness.tracerProvider);
  instrumentation.setMeterProvider(harness.meterProvider);
  server.reset();
  server.setDefault({ json: "nda", usage: { promptTokens: 11, completionTokens: 3 } });
});
afterEach(async () => {
  await harness.close();
});

const openAITable = () =>
  testTable({
    tiers: {
      fast: { provider: "openai", model: "gpt-4o-mini" },
      standard: { provider: "openai", model: "gpt-4o" },
      strong: { provider: "openai", model: "gpt-4o" },
    },
    prices: {
      "gpt-4o-mini": { input_per_million: 0.15, output_per_million: 0.6 },
      "gpt-4o": { input_per_million: 2.5, output_per_million: 10 },
    },
  });

/** Three routed calls of one attempt each through the real `openai` client. */
async function runThreeCalls(genAiAttemptSpans?: GenAiAttemptSpans): Promise<void> {
  const client = new OpenAIClient({ apiKey: "test-key", baseURL: server.baseURL, maxRetries: 0 });
  const middleware = createTelemetryMiddleware({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
    ...(genAiAttemptSpans ? { genAiAttemptSpans } : {}),
  });
  const router = createRouter(parsePolicyTable(openAITable()), {
    adapters: [openAIChatAdapter(client)],
    middleware: [middleware],
    onDiagnostic: () => undefined,
  });
  for (let call = 0; call < 3; call += 1) {
    const result = await router.run("classification", { messages: [{ role: "user", content: "classify" }] });
    expect(result.output).toBe("nda");
  }
}

const ours = (spans: ReadableSpan[]) =>
  spans.filter((span) => span.instrumentationScope.name === INSTRUMENTATION_NAME && !span.name.startsWith("route "));
const theirs = (spans: ReadableSpan[]) =>
  spans.filter((span) => span.instrumentationScope.name === "@opentelemetry/instrumentation-openai");

/** For each of our attempt spans: how many spans of that attempt (it and its children) carry usage. */
function usageSpansPerAttempt(spans: ReadableSpan[]): number[] {
  return ours(spans).map((attempt) => {
    const id = attempt.spanContext().spanId;
    const children = spans.filter((span) => span.parentSpanContext?.spanId === id);
    return [attempt, ...children].filter((span) => span.attributes[USAGE] !== undefined).length;
  });
}

/** Sum and count of a histogram's input-token points over every meter (ours and the instrumentation's). */
async function inputTokenPoints(): Promise<{ sum: number; count: number }> {
  await harness.meterProvider.forceFlush();
  const batches = harness.metricExporter.getMetrics();
  let sum = 0;
  let count = 0;
  for (const metric of batches[batches.length - 1]?.scopeMetrics.flatMap((scope) => scope.metrics) ?? []) {
    if (metric.descriptor.name !== "gen_ai.client.token.usage") continue;
    for (const point of metric.dataPoints) {
      if (point.attributes["gen_ai.token.type"] !== "input") continue;
      const value = point.value as { sum?: number; count: number };
      sum += value.sum ?? 0;
      count += value.count;
    }
  }
  return { sum, count };
}

describe("with @opentelemetry/instrumentation-openai active", () => {
  it("auto: each routed attempt yields exactly one span with gen_ai.usage.input_tokens, and tokens are metered once", async () => {
    await runThreeCalls();
    const spans = harness.spans();
    expect(theirs(spans)).toHaveLength(3);
    expect(ours(spans)).toHaveLength(3);
    expect(usageSpansPerAttempt(spans)).toEqual([1, 1, 1]);
    // The instrumentation's span is the one with usage, and it nests under our attempt span.
    for (const span of theirs(spans)) expect(span.attributes[USAGE]).toBe(11);
    expect(await inputTokenPoints()).toEqual({ sum: 33, count: 3 });

    // The first attempt revealed the instrumentation (it keeps CLIENT but not usage); later ones
    // are INTERNAL and carry no gen_ai.* at all, so GenAI backends see each model call once.
    const [first, ...later] = ours(spans);
    expect(first).toMatchObject({ name: "chat gpt-4o-mini", kind: SpanKind.CLIENT });
    for (const span of later) {
      expect(span).toMatchObject({ name: "attempt gpt-4o-mini", kind: SpanKind.INTERNAL });
      expect(Object.keys(span.attributes).filter((key) => key.startsWith("gen_ai."))).toEqual([]);
      expect(span.attributes).toMatchObject({
        "model_policy.attempt.index": 1,
        "model_policy.attempt.kind": "primary",
      });
    }
    // The router's own view is untouched: model_policy.* on the routed span and metrics.
    for (const routed of harness.routedSpans())
      expect(routed.attributes).toMatchObject({ "model_policy.outcome": "ok", "model_policy.attempts": 1 });
    const tokens = await harness.points("model_policy.tokens");
    expect(tokens.find((point) => point.attributes["gen_ai.token.type"] === "input")?.value).toBe(33);
  });

  it("always: keeps GenAI client attempt spans, so every attempt is reported twice", async () => {
    await runThreeCalls("always");
    const spans = harness.spans();
    expect(usageSpansPerAttempt(spans)).toEqual([2, 2, 2]);
    expect(await inputTokenPoints()).toEqual({ sum: 66, count: 6 });
  });

  it("never: no attempt span of ours carries gen_ai.* from the first call on", async () => {
    await runThreeCalls("never");
    const spans = harness.spans();
    expect(usageSpansPerAttempt(spans)).toEqual([1, 1, 1]);
    for (const span of ours(spans))
      expect(span).toMatchObject({ name: "attempt gpt-4o-mini", kind: SpanKind.INTERNAL });
  });
});

describe("without a GenAI client instrumentation", () => {
  function scripted(genAiAttemptSpans: GenAiAttemptSpans | undefined): {
    adapter: ScriptedAdapter;
    run: () => Promise<unknown>;
  } {
    const adapter = new ScriptedAdapter();
    const middleware: RouterMiddleware = createTelemetryMiddleware({
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
      ...(genAiAttemptSpans ? { genAiAttemptSpans } : {}),
    });
    const router = createRouter(parsePolicyTable(testTable()), {
      adapters: [adapter],
      middleware: [middleware],
      onDiagnostic: () => undefined,
    });
    adapter.script("fast-model", { reply: "nda", usage: { inputTokens: 50, outputTokens: 5 } });
    adapter.script("fast-model", { reply: "nda", usage: { inputTokens: 50, outputTokens: 5 } });
    const run = () => router.run("classification", { messages: [{ role: "user", content: "classify" }] });
    return { adapter, run };
  }

  it("auto: attempts stay GenAI client spans with usage, call after call", async () => {
    const { run } = scripted(undefined);
    await run();
    await run();
    const attempts = ours(harness.spans());
    expect(attempts.map((span) => [span.name, span.kind, span.attributes[USAGE]])).toEqual([
      ["chat fast-model", SpanKind.CLIENT, 50],
      ["chat fast-model", SpanKind.CLIENT, 50],
    ]);
    expect(await inputTokenPoints()).toEqual({ sum: 100, count: 2 });
  });

  it("never: attempts are INTERNAL without gen_ai.*, and only the model_policy.* metrics record", async () => {
    const { run } = scripted("never");
    await run();
    const [attempt] = ours(harness.spans());
    expect(attempt).toMatchObject({ name: "attempt fast-model", kind: SpanKind.INTERNAL });
    expect(Object.keys(attempt?.attributes ?? {}).filter((key) => key.startsWith("gen_ai."))).toEqual([]);
    expect(await inputTokenPoints()).toEqual({ sum: 0, count: 0 });
    expect(await harness.points("gen_ai.client.operation.duration")).toEqual([]);
    expect(await harness.points("model_policy.calls")).toHaveLength(1);
  });

  it("auto: an HTTP client span under the attempt is not a GenAI instrumentation", async () => {
    // What @opentelemetry/instrumentation-undici does under an uninstrumented SDK call.
    const http: ModelAdapter = {
      specificationVersion: "v1",
      provider: "scripted",
      async generate() {
        const span = trace
          .getTracer("http")
          .startSpan("POST", { kind: SpanKind.CLIENT, attributes: { "http.request.method": "POST" } });
        await context.with(trace.setSpan(context.active(), span), async () => undefined);
        span.end();
        return {
          text: "nda",
          usage: { inputTokens: 7, outputTokens: 1 },
          finishReason: "stop",
          servedModel: "fast-model",
        };
      },
    };
    trace.setGlobalTracerProvider(harness.tracerProvider);
    const router = createRouter(parsePolicyTable(testTable()), {
      adapters: [http],
      middleware: [
        createTelemetryMiddleware({ tracerProvider: harness.tracerProvider, meterProvider: harness.meterProvider }),
      ],
      onDiagnostic: () => undefined,
    });
    await router.run("classification", { messages: [{ role: "user", content: "classify" }] });
    await router.run("classification", { messages: [{ role: "user", content: "classify" }] });
    const attempts = ours(harness.spans());
    expect(attempts.map((span) => [span.name, span.kind, span.attributes[USAGE]])).toEqual([
      ["chat fast-model", SpanKind.CLIENT, 7],
      ["chat fast-model", SpanKind.CLIENT, 7],
    ]);
    const posts = harness.spans().filter((span) => span.name === "POST");
    expect(posts.map((span) => span.parentSpanContext?.spanId)).toEqual(
      attempts.map((span) => span.spanContext().spanId),
    );
  });
});
