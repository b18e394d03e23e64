/**
 * `node bench/dist/profile/pieces.js`: micro-benchmarks (mitata) of the pieces a routed call pays
 * for, and a count of promises and allocations per call, so each line of the profile has a price.
 * Only the packages' public exports are used, as a user would: a piece internal to a package is
 * priced through the router instead (a pass-through middleware for the middleware layers, a no-op
 * meter provider for the metrics), and the ledger piece gets a routed span the middleware really
 * ended.
 */
import { createHook } from "node:async_hooks";
import { mkdirSync, writeFileSync } from "node:fs";
import { checkInputBudget, createRouter } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware, ledgerRecordFromSpan } from "@modelpolicy/otel";
import { context, createNoopMeter, trace } from "@opentelemetry/api";
import { type ReadableSpan, TracerProvider as SdkTracerProvider } from "@opentelemetry/sdk-trace";
import { bulkhead, ConsecutiveBreaker, circuitBreaker, handleAll, handleWhen, retry } from "cockatiel";
import { measure } from "mitata";
import OpenAI from "openai";
import { z } from "zod";
import { benchTable, extractionAnswer, extractionMessages, extractionSchema, MODEL, TASK } from "../lib/fixtures.js";
import { fixed, markdownTable } from "../lib/markdown.js";
import { memoryFetch } from "../lib/memory-fetch.js";
import { RESULTS_DIR } from "../lib/results.js";
import { setUpTelemetry } from "../lib/telemetry.js";

const telemetry = setUpTelemetry();
const tracer = telemetry.tracerProvider.getTracer("pieces");
const messages = extractionMessages();
const answerText = JSON.stringify(extractionAnswer);

const client = new OpenAI({ apiKey: "sk-bench", baseURL: "http://127.0.0.1:9/v1", maxRetries: 0, fetch: memoryFetch });
const plainRouter = createRouter(benchTable, { adapters: [openAIAdapter(client)] });
const fullRouter = createRouter(benchTable, {
  adapters: [openAIAdapter(client)],
  middleware: [
    createTelemetryMiddleware({
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      captureMessageContent: false,
    }),
  ],
});
// The router with an adapter that answers at once in process: its own cost, no SDK at all.
const instantAdapter = {
  specificationVersion: "v1" as const,
  provider: "openai",
  generate: async () => ({
    text: answerText,
    usage: { inputTokens: 1100, outputTokens: 60 },
    finishReason: "stop" as const,
    servedModel: MODEL,
  }),
};
const instantRouter = createRouter(benchTable, { adapters: [instantAdapter] });
const instantTelemetryRouter = createRouter(benchTable, {
  adapters: [instantAdapter],
  middleware: [
    createTelemetryMiddleware({
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      captureMessageContent: false,
    }),
  ],
});
// Set against the router alone, what the router's middleware layers cost with nothing in them.
const instantPassThroughRouter = createRouter(benchTable, {
  adapters: [instantAdapter],
  middleware: [{ name: "pass-through", onCall: (_call, next) => next(), onAttempt: (_attempt, next) => next() }],
});
// Set against the full otel middleware, what its metrics cost: every instrument is a no-op here.
const noopMeter = createNoopMeter();
const instantTracesOnlyRouter = createRouter(benchTable, {
  adapters: [instantAdapter],
  middleware: [
    createTelemetryMiddleware({
      tracerProvider: telemetry.tracerProvider,
      meterProvider: { getMeter: () => noopMeter },
      captureMessageContent: false,
    }),
  ],
});

/**
 * One routed-call span as the ledger exporter receives it: ended by the otel middleware on a
 * provider of its own, so keeping it costs the measured providers nothing.
 */
async function endedRoutedSpan(): Promise<ReadableSpan> {
  let kept: ReadableSpan | undefined;
  const tracerProvider = new SdkTracerProvider({
    spanProcessors: [
      {
        onStart: () => {},
        onEnd: (span) => {
          if (span.name.startsWith("route ")) kept = span;
        },
        forceFlush: async () => {},
        shutdown: async () => {},
      },
    ],
  });
  const router = createRouter(benchTable, {
    adapters: [instantAdapter],
    middleware: [
      createTelemetryMiddleware({
        tracerProvider,
        meterProvider: { getMeter: () => noopMeter },
        captureMessageContent: false,
      }),
    ],
  });
  await router.run(TASK, { messages, schema: extractionSchema });
  if (!kept) throw new Error("the otel middleware ended no routed-call span");
  return kept;
}
const routedSpan = await endedRoutedSpan();
const sdkCall = () =>
  client.chat.completions.create({
    model: MODEL,
    messages: messages.map((message) => ({ role: message.role, content: message.content })),
    max_tokens: 400,
    response_format: { type: "json_schema", json_schema: { name: "x", schema: {}, strict: false } },
  });

const retrySettings = { maxAttempts: 1 };
const breaker = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
const sharedBulkhead = bulkhead(64, 1024);
const resolved = () => Promise.resolve(1);

const routeAttributes: Record<string, string | number | boolean> = {
  "model_policy.task": TASK,
  "model_policy.id": "bench.extract",
  "model_policy.version": "1",
  "model_policy.digest": "abc",
  "model_policy.table.version": "bench-1",
  "model_policy.model_tier": "fast",
  "model_policy.latency_tier": "fast",
  "model_policy.budget.input_tokens": 16000,
  "model_policy.budget.output_tokens": 400,
  "model_policy.evidence.required": false,
  "model_policy.review.required": false,
  "model_policy.fallback.policy": "stop",
};

interface Piece {
  group: string;
  name: string;
  fn: () => unknown;
}
// Object shapes on Node 20's V8 (docs/decisions/2026-11-25-router-hot-path.md): the attempt
// record was once `{ ...base, ...11 fields }` and the span attribute builders used computed keys.
const usage = { inputTokens: 1100, outputTokens: 60 };
const baseOf = (index: number) => ({
  index,
  kind: "primary",
  provider: "openai",
  model: MODEL,
  tier: "fast",
  delayBeforeMs: 0,
  startedAt: 1,
});
let shapeIndex = 0;
/**
 * Each shape piece stores what it built here: an object nobody reads can be elided by V8's escape
 * analysis, and the piece would then time nothing (the plain literal measured 0.00 µs that way).
 */
let keptShape: unknown;
const K = Array.from({ length: 15 }, (_, index) => `model_policy.attr_${index}`);
const [K0, K1, K2, K3, K4, K5, K6, K7, K8, K9, K10, K11, K12, K13, K14] = K as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
const shapePieces: Piece[] = [
  { group: "V8 object shapes", name: "{ ...base } (7 properties)", fn: () => ({ ...baseOf(shapeIndex++) }) },
  { group: "V8 object shapes", name: "{ ...base, x }", fn: () => ({ ...baseOf(shapeIndex++), x: 1 }) },
  {
    group: "V8 object shapes",
    name: "{ ...base, 11 more properties } (attempt record before)",
    fn: () => ({
      ...baseOf(shapeIndex++),
      servedModel: MODEL,
      outcome: "ok",
      errorClass: undefined,
      errorMessage: undefined,
      status: undefined,
      finishReason: "stop",
      usage,
      costUsd: 0.1,
      durationMs: 1.5,
      responseId: "x",
    }),
  },
  {
    group: "V8 object shapes",
    name: "one literal, 18 properties (attempt record after)",
    fn: () => {
      const base = baseOf(shapeIndex++);
      return {
        index: base.index,
        kind: base.kind,
        provider: base.provider,
        model: base.model,
        tier: base.tier,
        delayBeforeMs: base.delayBeforeMs,
        startedAt: base.startedAt,
        servedModel: MODEL,
        outcome: "ok",
        errorClass: undefined,
        errorMessage: undefined,
        status: undefined,
        finishReason: "stop",
        usage,
        costUsd: 0.1,
        durationMs: 1.5,
        responseId: "x",
      };
    },
  },
  {
    group: "V8 object shapes",
    name: "11 computed keys in a literal + 4 keyed stores (attributes before)",
    fn: () => {
      const attributes: Record<string, unknown> = {
        [K0]: "ok",
        [K1]: shapeIndex++,
        [K2]: MODEL,
        [K3]: true,
        [K4]: false,
        [K5]: true,
        [K6]: ["fallback_used"],
        [K7]: false,
        [K8]: true,
        [K9]: 1100,
        [K10]: 60,
      };
      attributes[K11] = 1100;
      attributes[K12] = "exact";
      attributes[K13] = MODEL;
      attributes[K14] = 0.1;
      return attributes;
    },
  },
  {
    group: "V8 object shapes",
    name: "{} + 15 keyed stores (attributes after)",
    fn: () => {
      const attributes: Record<string, unknown> = {};
      attributes[K0] = "ok";
      attributes[K1] = shapeIndex++;
      attributes[K2] = MODEL;
      attributes[K3] = true;
      attributes[K4] = false;
      attributes[K5] = true;
      attributes[K6] = ["fallback_used"];
      attributes[K7] = false;
      attributes[K8] = true;
      attributes[K9] = 1100;
      attributes[K10] = 60;
      attributes[K11] = 1100;
      attributes[K12] = "exact";
      attributes[K13] = MODEL;
      attributes[K14] = 0.1;
      return attributes;
    },
  },
];

const pieces: Piece[] = [
  { group: "whole call (in-memory fetch)", name: "bare SDK create()", fn: sdkCall },
  {
    group: "whole call (in-memory fetch)",
    name: "router.run, no middleware",
    fn: () => plainRouter.run(TASK, { messages, schema: extractionSchema }),
  },
  {
    group: "whole call (in-memory fetch)",
    name: "router.run + otel middleware",
    fn: () => fullRouter.run(TASK, { messages, schema: extractionSchema }),
  },
  {
    group: "router, instant adapter",
    name: "router.run, no middleware",
    fn: () => instantRouter.run(TASK, { messages, schema: extractionSchema }),
  },
  {
    group: "router, instant adapter",
    name: "router.run + one pass-through middleware",
    fn: () => instantPassThroughRouter.run(TASK, { messages, schema: extractionSchema }),
  },
  {
    group: "router, instant adapter",
    name: "router.run + otel middleware, no-op meter (spans only)",
    fn: () => instantTracesOnlyRouter.run(TASK, { messages, schema: extractionSchema }),
  },
  {
    group: "router, instant adapter",
    name: "router.run + otel middleware",
    fn: () => instantTelemetryRouter.run(TASK, { messages, schema: extractionSchema }),
  },
  { group: "core", name: "checkInputBudget (4 KB, far under)", fn: () => checkInputBudget(messages, 16_000) },
  {
    group: "core",
    name: "JSON.parse + zod safeParse (the output check without its fence regex)",
    fn: () => extractionSchema.safeParse(JSON.parse(answerText)),
  },
  {
    group: "core",
    name: "z.toJSONSchema (what the WeakMap cache saves)",
    fn: () => z.toJSONSchema(extractionSchema, { target: "draft-2020-12", unrepresentable: "any" }),
  },
  {
    group: "core",
    name: "cockatiel retry() built per attempt + execute (router before round 3)",
    fn: () => {
      const policy = retry(
        handleWhen(() => false),
        retrySettings,
      );
      policy.onRetry(() => {});
      return policy.execute(resolved);
    },
  },
  { group: "core", name: "cockatiel breaker.execute", fn: () => breaker.execute(resolved) },
  { group: "core", name: "cockatiel bulkhead.execute", fn: () => sharedBulkhead.execute(resolved) },
  {
    group: "core",
    name: "deadline: AbortController + setTimeout + clearTimeout",
    fn: () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 60_000);
      clearTimeout(timer);
      return controller.signal;
    },
  },
  {
    group: "core",
    name: "raceAbort: add + remove abort listener",
    fn: () => {
      const signal = new AbortController().signal;
      const onAbort = () => {};
      signal.addEventListener("abort", onAbort, { once: true });
      signal.removeEventListener("abort", onAbort);
    },
  },
  {
    group: "otel",
    name: "context.with(span context, async fn)",
    fn: () =>
      context.with(
        trace.setSpan(
          context.active(),
          trace.wrapSpanContext({ traceId: "1".repeat(32), spanId: "1".repeat(16), traceFlags: 1 }),
        ),
        resolved,
      ),
  },
  {
    group: "otel",
    name: "startSpan (12 attrs) + end, BatchSpanProcessor",
    fn: () => tracer.startSpan(`route ${TASK}`, { attributes: routeAttributes }).end(),
  },
  {
    group: "otel",
    name: `startSpan (12 attrs) + setAttributes(a routed span's ${Object.keys(routedSpan.attributes).length}) + end`,
    fn: () => {
      const span = tracer.startSpan(`route ${TASK}`, { attributes: routeAttributes });
      span.setAttributes(routedSpan.attributes);
      span.end();
    },
  },
  {
    group: "ledger",
    name: "ledgerRecordFromSpan + JSON.stringify",
    fn: () => JSON.stringify(ledgerRecordFromSpan(routedSpan)),
  },
];

/** Promises created per call, counted with an async hook (PROMISE init events). */
async function promisesPerCall(fn: () => Promise<unknown>, calls = 200): Promise<number> {
  let promises = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === "PROMISE") promises += 1;
    },
  }).enable();
  for (let index = 0; index < calls; index += 1) await fn();
  hook.disable();
  return promises / calls;
}

const results: { group: string; name: string; avgNs: number; p50Ns: number; p99Ns: number }[] = [];
const keptShapePieces = shapePieces.map((piece) => ({
  ...piece,
  fn: () => {
    keptShape = piece.fn();
    return keptShape;
  },
}));
for (const piece of [...pieces, ...keptShapePieces]) {
  for (let index = 0; index < 200; index += 1) await piece.fn();
  const stats = await measure(piece.fn, { min_cpu_time: 300e6 } as never);
  results.push({ group: piece.group, name: piece.name, avgNs: stats.avg, p50Ns: stats.p50, p99Ns: stats.p99 });
  console.log(`  ${piece.group.padEnd(28)} ${piece.name.padEnd(60)} ${fixed(stats.avg / 1000, 2).padStart(8)} µs avg`);
}
const promiseCounts = {
  "bare SDK create()": await promisesPerCall(sdkCall),
  "router.run, no middleware": await promisesPerCall(() =>
    plainRouter.run(TASK, { messages, schema: extractionSchema }),
  ),
  "router.run + otel middleware": await promisesPerCall(() =>
    fullRouter.run(TASK, { messages, schema: extractionSchema }),
  ),
};
console.log("  promises per call:", promiseCounts);

const table = markdownTable(
  ["group", "piece", "avg µs", "p50 µs", "p99 µs"],
  results.map((result) => [
    result.group,
    result.name,
    fixed(result.avgNs / 1000, 2),
    fixed(result.p50Ns / 1000, 2),
    fixed(result.p99Ns / 1000, 2),
  ]),
);
console.log(`\n${table}\n`);
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  `${RESULTS_DIR}b1-pieces.json`,
  `${JSON.stringify({ pieces: results, promisesPerCall: promiseCounts }, null, 2)}\n`,
);
writeFileSync(
  `${RESULTS_DIR}b1-pieces.md`,
  `${table}\n\nPromises per call: ${Object.entries(promiseCounts)
    .map(([key, value]) => `${key} ${fixed(value, 1)}`)
    .join(", ")}\n`,
);
await telemetry.shutdown();
process.exit(0);
