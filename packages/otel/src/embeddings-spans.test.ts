import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRouter, type PolicyTableInput, parsePolicyTable, RoutingFailedError } from "@modelpolicy/core";
import { ScriptedAdapter, ScriptedEmbedder } from "@modelpolicy/core/testing";
import { SpanKind } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testTable } from "./__fixtures__/tables.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";
import { LedgerSpanExporter } from "./ledger/ledger-span-exporter.js";
import { readLedger } from "./ledger/read-ledger.js";

const SMALL = "text-embedding-3-small";
const LARGE = "text-embedding-3-large";

function embedTable(embedding: Record<string, unknown> = {}): PolicyTableInput {
  return {
    version: "2026-12-01",
    tiers: {
      embed_small: { provider: "openai", model: SMALL },
      embed_large: { provider: "openai", model: LARGE },
    },
    policies: [
      {
        id: "search-index",
        version: 2,
        task: "search_index",
        model_tier: "embed_small",
        max_input_tokens: 10_000,
        max_output_tokens: 1,
        evidence_required: false,
        review_required: false,
        fallback_policy: "next_tier",
        latency_tier: "fast",
        retry: { max_attempts: 2, base_delay_ms: 1, max_delay_ms: 5 },
        embedding,
      },
    ],
  } as PolicyTableInput;
}

const serverError = { error: { errorClass: "server_error" as const, message: "503", status: 503 } };

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  await harness.close();
});

function embedRouter(embedding: Record<string, unknown> = {}) {
  const adapter = new ScriptedEmbedder("openai");
  const middleware = createTelemetryMiddleware({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
  });
  const router = createRouter(parsePolicyTable(embedTable(embedding)), {
    adapters: [adapter],
    middleware: [middleware],
    onDiagnostic: () => undefined,
  });
  return { adapter, router };
}

describe("embeddings spans", () => {
  it("names each attempt span `embeddings {model}` with the GenAI embeddings attributes, under the routed span", async () => {
    const { router } = embedRouter({ dimensions: 4, encoding_format: "base64", max_batch_items: 2 });
    await router.embed("search_index", { input: ["alpha", "beta", "gamma"] });
    const [route] = harness.routedSpans();
    const attempts = harness.spans().filter((span) => span.name.startsWith("embeddings "));
    expect(route?.attributes).toMatchObject({
      "model_policy.task": "search_index",
      "model_policy.operation": "embeddings",
      "model_policy.outcome": "ok",
      "model_policy.model.served": SMALL,
      "model_policy.attempts": 2,
      "model_policy.usage.input_tokens": 2 + 1 + 2,
      "model_policy.usage.output_tokens": 0,
      // text-embedding-3-small's bundled price: USD 0.02 per million input tokens.
      "model_policy.cost.usd": expect.closeTo((5 * 0.02) / 1_000_000, 12),
    });
    expect(attempts.map((span) => span.name)).toEqual([`embeddings ${SMALL}`, `embeddings ${SMALL}`]);
    const [first, second] = attempts;
    expect(first?.kind).toBe(SpanKind.CLIENT);
    expect(first?.parentSpanContext?.spanId).toBe(route?.spanContext().spanId);
    expect(first?.attributes).toMatchObject({
      "gen_ai.operation.name": "embeddings",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": SMALL,
      "gen_ai.request.encoding_formats": ["base64"],
      "gen_ai.embeddings.dimension.count": 4,
      "gen_ai.response.model": SMALL,
      "gen_ai.usage.input_tokens": 2 + 1,
      "model_policy.attempt.inputs": 2,
      "model_policy.attempt.kind": "primary",
    });
    expect(second?.attributes).toMatchObject({
      "model_policy.attempt.inputs": 1,
      "model_policy.attempt.kind": "batch",
    });
    for (const span of attempts) {
      expect(span.attributes["gen_ai.usage.output_tokens"]).toBeUndefined();
      // openai.api.type names chat APIs (chat_completions, responses); an embeddings call has none.
      expect(span.attributes["openai.api.type"]).toBeUndefined();
      expect(span.attributes["gen_ai.request.max_tokens"]).toBeUndefined();
    }
  });

  it("reports the returned vector size when the policy asks for none", async () => {
    const { router } = embedRouter();
    await router.embed("search_index", { input: ["x"] });
    const attempt = harness.spans().find((span) => span.name.startsWith("embeddings "));
    expect(attempt?.attributes["gen_ai.embeddings.dimension.count"]).toBe(3);
    expect(attempt?.attributes["gen_ai.request.encoding_formats"]).toBeUndefined();
  });

  it("marks failed attempts and shows the retry and the fallback as events", async () => {
    const { adapter, router } = embedRouter();
    adapter.script(SMALL, serverError, serverError);
    await router.embed("search_index", { input: ["x"] });
    const attempts = harness.spans().filter((span) => span.name.startsWith("embeddings "));
    expect(
      attempts.map((span) => [span.name, span.attributes["error.type"], span.attributes["http.response.status_code"]]),
    ).toEqual([
      [`embeddings ${SMALL}`, "server_error", 503],
      [`embeddings ${SMALL}`, "server_error", 503],
      [`embeddings ${LARGE}`, undefined, undefined],
    ]);
    const route = harness.routedSpans()[0];
    expect(route?.attributes).toMatchObject({
      "model_policy.outcome": "fallback_ok",
      "model_policy.fallback.reason": "server_error",
    });
    expect(route?.events.map((event) => event.name)).toEqual(["model_policy.retry", "model_policy.fallback"]);
  });

  it("records embeddings token usage under operation embeddings, input only", async () => {
    const { router } = embedRouter();
    await router.embed("search_index", { input: ["abcdefgh"] });
    const points = await harness.points("gen_ai.client.token.usage");
    expect(
      points.map((point) => [point.attributes["gen_ai.operation.name"], point.attributes["gen_ai.token.type"]]),
    ).toEqual([["embeddings", "input"]]);
  });

  it("marks chat calls' routed spans with model_policy.operation chat", async () => {
    const router = createRouter(parsePolicyTable(testTable()), {
      adapters: [new ScriptedAdapter()],
      middleware: [createTelemetryMiddleware({ tracerProvider: harness.tracerProvider })],
      onDiagnostic: () => undefined,
    });
    await router.run("classification", { messages: [{ role: "user", content: "x" }] });
    expect(harness.routedSpans()[0]?.attributes["model_policy.operation"]).toBe("chat");
  });
});

describe("embeddings in the ledger", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "ledger-embeddings-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes one record per embed call with operation embeddings, its task, tokens and cost", async () => {
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": "search-service" }),
      spanProcessors: [new BatchSpanProcessor({ exporter: new LedgerSpanExporter({ dir }) })],
    });
    const adapter = new ScriptedEmbedder("openai");
    const router = createRouter(parsePolicyTable(embedTable()), {
      adapters: [adapter],
      middleware: [createTelemetryMiddleware({ tracerProvider: provider })],
      onDiagnostic: () => undefined,
    });
    await router.embed("search_index", { input: ["a".repeat(400), "b".repeat(400)] });
    adapter.script(SMALL, serverError, serverError);
    adapter.script(LARGE, serverError, serverError);
    await expect(router.embed("search_index", { input: ["x"] })).rejects.toSatisfy(RoutingFailedError.isInstance);
    await provider.shutdown();
    const { records } = await readLedger(dir);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      service: "search-service",
      task: "search_index",
      policy_id: "search-index",
      operation: "embeddings",
      outcome: "ok",
      model_served: SMALL,
      input_tokens: 200,
      output_tokens: 0,
      cost_usd: expect.closeTo((200 * 0.02) / 1_000_000, 12),
    });
    expect(records[1]).toMatchObject({ operation: "embeddings", outcome: "failed", error_type: "server_error" });
  });
});
