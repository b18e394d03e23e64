import { describe, expect, it } from "vitest";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import type { PolicyTableInput } from "../policy/policy-schema.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import { type EmbedStep, ScriptedEmbedder } from "../testing/scripted-embedder.js";
import { createRouter } from "./router.js";
import type { AttemptCall, RoutedCall, RouterMiddleware } from "./router-middleware.js";

const SMALL = "small-embed";
const LARGE = "large-embed";

function embedTable(embedding: Record<string, unknown> = {}, policy: Record<string, unknown> = {}): PolicyTableInput {
  return {
    version: "t1",
    tiers: {
      embed_small: { provider: "emb", model: SMALL },
      embed_large: { provider: "emb", model: LARGE },
    },
    // Embedding models are priced on input alone: no output_per_million.
    prices: { [SMALL]: { input_per_million: 0.02 }, [LARGE]: { input_per_million: 0.13 } },
    policies: [
      {
        id: "search-index",
        version: 1,
        task: "search_index",
        model_tier: "embed_small",
        max_input_tokens: 1_000,
        max_output_tokens: 1,
        evidence_required: false,
        review_required: false,
        fallback_policy: "next_tier",
        latency_tier: "fast",
        retry: { max_attempts: 2, base_delay_ms: 1, max_delay_ms: 5 },
        embedding: { max_item_tokens: 50, ...embedding },
        ...policy,
      },
    ],
  } as PolicyTableInput;
}

function setup(
  options: { embedding?: Record<string, unknown>; batchLimit?: number; middleware?: RouterMiddleware[] } = {},
) {
  const adapter = new ScriptedEmbedder("emb", options.batchLimit);
  const router = createRouter(parsePolicyTable(embedTable(options.embedding)), {
    adapters: [adapter],
    middleware: options.middleware,
    onDiagnostic: () => {},
  });
  return { adapter, router };
}

const serverError: EmbedStep = { error: { errorClass: "server_error", message: "503", status: 503 } };

describe("router.embed", () => {
  it("returns one vector per input with usage, cost and the record", async () => {
    const { adapter, router } = setup();
    const result = await router.embed("search_index", { input: ["alpha", "beta beta"] });
    expect(result.outcome).toBe("ok");
    expect(result.output).toEqual([
      [5, 0, 1],
      [9, 1, 1],
    ]);
    expect(result.dimensions).toBe(3);
    expect(result.usage).toMatchObject({ inputTokens: 2 + 3, outputTokens: 0 });
    expect(result.costUsd).toBeCloseTo((5 * 0.02) / 1_000_000, 15);
    expect(result.modelServed).toBe(SMALL);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]).toMatchObject({
      kind: "primary",
      outcome: "ok",
      dimensions: 3,
      usageSource: "provider",
    });
    expect(result.inputTokens).toMatchObject({ withinBudget: true });
    expect(adapter.calls).toHaveLength(1);
  });

  it("takes a single string as a one-item input", async () => {
    const { router } = setup();
    const result = await router.embed("search_index", { input: "solo" });
    expect(result.output).toEqual([[4, 0, 1]]);
  });

  it("asks for the policy's dimensions and encoding", async () => {
    const { adapter, router } = setup({ embedding: { dimensions: 5, encoding_format: "base64" } });
    const result = await router.embed("search_index", { input: ["x"] });
    expect(adapter.calls[0]).toMatchObject({ dimensions: 5, encodingFormat: "base64" });
    expect(result.dimensions).toBe(5);
  });
});

describe("router.embed batching", () => {
  const items = ["a", "bb", "ccc", "dddd", "eeeee"];

  it("splits the input into batches of the policy's max_batch_items, keeping input order", async () => {
    const { adapter, router } = setup({ embedding: { max_batch_items: 2 } });
    const result = await router.embed("search_index", { input: items });
    expect(adapter.calls.map((call) => call.input)).toEqual([["a", "bb"], ["ccc", "dddd"], ["eeeee"]]);
    expect(result.output.map((vector) => vector[0])).toEqual([1, 2, 3, 4, 5]);
    expect(result.attempts.map((attempt) => attempt.kind)).toEqual(["primary", "batch", "batch"]);
    expect(result.usage.inputTokens).toBe(1 + 1 + 1 + 1 + 2);
  });

  it("uses the adapter's limit when it is smaller than the policy's", async () => {
    const { adapter, router } = setup({ embedding: { max_batch_items: 3 }, batchLimit: 2 });
    await router.embed("search_index", { input: items });
    expect(adapter.calls.map((call) => call.input.length)).toEqual([2, 2, 1]);
  });

  it("packs batches by counted tokens under max_batch_tokens", async () => {
    const { adapter, router } = setup({ embedding: { max_batch_tokens: 2 } });
    // One o200k token per word.
    await router.embed("search_index", { input: ["cat", "dog", "sun", "red", "fig"] });
    expect(adapter.calls.map((call) => call.input)).toEqual([["cat", "dog"], ["sun", "red"], ["fig"]]);
  });
});

describe("router.embed budgets", () => {
  it("refuses an item over embedding.max_item_tokens before any request", async () => {
    const { adapter, router } = setup();
    const error = await router.embed("search_index", { input: ["short", "word ".repeat(200)] }).catch((e) => e);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(error.allowed).toBe(50);
    expect(error.record).toMatchObject({ outcome: "rejected", errorClass: "budget_exceeded", attempts: [] });
    expect(adapter.calls).toHaveLength(0);
  });

  it("refuses an input whose items together pass max_input_tokens before any request", async () => {
    const { adapter, router } = setup();
    const items = Array.from({ length: 40 }, () => "token ".repeat(40));
    const error = await router.embed("search_index", { input: items }).catch((e) => e);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(error.allowed).toBe(1_000);
    expect(error.counted).toBeGreaterThan(1_000);
    expect(adapter.calls).toHaveLength(0);
  });
});

describe("router.embed retries and fallback", () => {
  it("retries a 503, then falls back to the next tier", async () => {
    const { adapter, router } = setup();
    adapter.script(SMALL, serverError, serverError);
    const result = await router.embed("search_index", { input: ["one", "two"] });
    expect(result.outcome).toBe("fallback_ok");
    expect(result.modelServed).toBe(LARGE);
    expect(result.fallback).toMatchObject({ used: true, reason: "server_error" });
    expect(result.attempts.map((attempt) => [attempt.model, attempt.kind, attempt.outcome])).toEqual([
      [SMALL, "primary", "error"],
      [SMALL, "retry", "error"],
      [LARGE, "fallback", "ok"],
    ]);
    expect(result.attempts[0]?.status).toBe(503);
  });

  it("re-embeds the whole input on the fallback model, so no result mixes models", async () => {
    const { adapter, router } = setup({ embedding: { max_batch_items: 1 } });
    adapter.script(SMALL, {}, serverError, serverError);
    const result = await router.embed("search_index", { input: ["first", "second"] });
    expect(adapter.callsTo(LARGE).map((call) => call.input)).toEqual([["first"], ["second"]]);
    expect(result.output).toHaveLength(2);
    expect(result.modelServed).toBe(LARGE);
    // The small model's batch that succeeded was still paid for.
    expect(result.usage.inputTokens).toBe(2 + 2 + 2);
  });

  it("fails with the record when the chain runs out", async () => {
    const { adapter, router } = setup();
    adapter.script(SMALL, serverError, serverError);
    adapter.script(LARGE, serverError, serverError);
    const error = await router.embed("search_index", { input: ["x"] }).catch((e) => e);
    expect(RoutingFailedError.isInstance(error)).toBe(true);
    expect(error.record).toMatchObject({ outcome: "failed", errorClass: "server_error" });
    expect(error.record.attempts).toHaveLength(4);
  });

  it("does not fall back on a non-transient error the policy does not name", async () => {
    const { adapter, router } = setup();
    adapter.script(SMALL, { error: { errorClass: "bad_request", message: "empty", status: 400 } });
    const error = await router.embed("search_index", { input: [""] }).catch((e) => e);
    expect(error.record.errorClass).toBe("bad_request");
    expect(adapter.callsTo(LARGE)).toHaveLength(0);
  });
});

describe("router.embed with middleware and adapters", () => {
  it("shows middleware an embeddings call and embeddings attempts", async () => {
    const calls: RoutedCall[] = [];
    const attempts: AttemptCall[] = [];
    const middleware: RouterMiddleware = {
      name: "spy",
      onCall: (call, next) => {
        calls.push(call);
        return next();
      },
      onAttempt: (attempt, next) => {
        attempts.push(attempt);
        return next();
      },
    };
    const { router } = setup({ middleware: [middleware], embedding: { dimensions: 4 } });
    const result = await router.embed("search_index", { input: ["a", "b", "c"] });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ task: "search_index", operation: "embeddings", messages: [] });
    expect(attempts[0]).toMatchObject({
      operation: "embeddings",
      model: SMALL,
      embedding: { inputs: 3, dimensions: 4 },
    });
    expect(result.dimensions).toBe(4);
  });

  it("refuses, before sending anything, a chain whose adapter cannot embed", async () => {
    const chat = new ScriptedAdapter("emb");
    const router = createRouter(parsePolicyTable(embedTable()), { adapters: [chat] });
    const error = await router.embed("search_index", { input: ["x"] }).catch((e) => e);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect(chat.calls).toHaveLength(0);
  });

  it("refuses an empty input", async () => {
    const { router } = setup();
    const error = await router.embed("search_index", { input: [] }).catch((e) => e);
    expect(ConfigurationError.isInstance(error)).toBe(true);
  });
});
