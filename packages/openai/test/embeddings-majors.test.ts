import { BudgetExceededError, createRouter, defineTable, type EmbedCall, ProviderError } from "@modelpolicy/core";
import { deterministicVector, FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openAIAdapter } from "../src/openai-adapter.js";
import type { OpenAIClientLike } from "../src/openai-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

const SMALL = "text-embedding-3-small";
const LARGE = "text-embedding-3-large";
const server = new FakeOpenAIServer();

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function call(overrides: Partial<EmbedCall> = {}): EmbedCall {
  return { model: SMALL, input: ["alpha", "beta"], signal: new AbortController().signal, ...overrides };
}

function makeRouter(client: OpenAIClientLike) {
  const table = defineTable({
    version: "t1",
    tiers: {
      embed_small: { provider: "openai", model: SMALL },
      embed_large: { provider: "openai", model: LARGE },
    },
    policies: [
      {
        id: "search-index",
        version: "1",
        task: "search_index",
        model_tier: "embed_small",
        max_input_tokens: 2_000,
        max_output_tokens: 1,
        evidence_required: false,
        review_required: false,
        fallback_policy: "next_tier",
        latency_tier: "fast",
        retry: { max_attempts: 2, base_delay_ms: 1 },
        embedding: { max_item_tokens: 200, max_batch_items: 2 },
      },
    ],
  });
  return createRouter(table, { adapters: [openAIAdapter(client)], onDiagnostic: () => {} });
}

describe.each(SDK_MAJORS)("openAIAdapter embed over %s", (_major, makeClient) => {
  let client: OpenAIClientLike;
  beforeAll(() => {
    // maxRetries 5 on the client: the request counts below prove the adapter turned them off.
    client = makeClient({ apiKey: "sk-test", baseURL: server.baseURL, maxRetries: 5, timeout: 10_000 });
  });

  it("returns the vectors in input order with the billed usage and the served model", async () => {
    server.script(SMALL, [reply.ok(undefined, { usage: { promptTokens: 11 }, model: `${SMALL}-v2` })]);
    const response = await openAIAdapter(client).embed?.(call());
    expect(response).toEqual({
      embeddings: [deterministicVector("alpha", 8), deterministicVector("beta", 8)],
      usage: { inputTokens: 11 },
      servedModel: `${SMALL}-v2`,
      usageSource: "provider",
    });
    // The SDK asked for base64 itself (no format given) and decoded it.
    expect(server.requests[0]?.body).toMatchObject({
      model: SMALL,
      input: ["alpha", "beta"],
      encoding_format: "base64",
    });
  });

  it("sends the policy's dimensions and encoding, and decodes base64 it asked for", async () => {
    const base64 = await openAIAdapter(client).embed?.(call({ dimensions: 4, encodingFormat: "base64" }));
    expect(base64?.embeddings).toEqual([deterministicVector("alpha", 4), deterministicVector("beta", 4)]);
    const float = await openAIAdapter(client).embed?.(call({ encodingFormat: "float" }));
    expect(float?.embeddings[1]).toEqual(deterministicVector("beta", 8));
    expect(server.requests.map((request) => [request.body?.dimensions, request.body?.encoding_format])).toEqual([
      [4, "base64"],
      [undefined, "float"],
    ]);
  });

  it("maps a 503 to a retryable server_error after exactly one request", async () => {
    server.script(SMALL, [reply.serverError(503)]);
    const error = await openAIAdapter(client)
      .embed?.(call())
      .catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ errorClass: "server_error", status: 503, retryable: true });
    expect(server.requestCount).toBe(1);
  });

  it("refuses an answer with fewer vectors than inputs", async () => {
    server.script(SMALL, [reply.ok([[0.1, 0.2]])]);
    const error = await openAIAdapter(client)
      .embed?.(call({ encodingFormat: "float" }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ errorClass: "unknown" });
  });

  describe("routed", () => {
    let router: ReturnType<typeof makeRouter>;
    beforeAll(() => {
      router = makeRouter(client);
    });

    it("embeds in batches of the policy's size, with usage and cost over every batch", async () => {
      const input = ["one", "two", "three", "four", "five"];
      const result = await router.embed("search_index", { input });
      expect(server.requests.map((request) => request.body?.input)).toEqual([
        ["one", "two"],
        ["three", "four"],
        ["five"],
      ]);
      expect(result.output).toEqual(input.map((text) => deterministicVector(text, 8)));
      expect(result.dimensions).toBe(8);
      expect(result.usage.inputTokens).toBe(1 + 1 + 2 + 1 + 1);
      expect(result.costUsd).toBeCloseTo((6 * 0.02) / 1_000_000, 15);
      expect(result.outcome).toBe("ok");
    });

    it("sends nothing for an item over the policy's per-item budget", async () => {
      const error = await router.embed("search_index", { input: ["ok", "x ".repeat(1_000)] }).catch((e) => e);
      expect(BudgetExceededError.isInstance(error)).toBe(true);
      expect(server.requestCount).toBe(0);
    });

    it("retries a 503 once, then falls back to the next tier and re-embeds there", async () => {
      server.script(SMALL, [reply.serverError(503), reply.serverError(503)]);
      const result = await router.embed("search_index", { input: ["one"] });
      expect(server.requests.map((request) => [request.model, request.status])).toEqual([
        [SMALL, 503],
        [SMALL, 503],
        [LARGE, 200],
      ]);
      expect(result).toMatchObject({
        outcome: "fallback_ok",
        modelServed: LARGE,
        fallback: { reason: "server_error" },
      });
      expect(result.costUsd).toBeCloseTo((1 * 0.13) / 1_000_000, 15);
    });
  });
});
