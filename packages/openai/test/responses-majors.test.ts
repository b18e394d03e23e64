import {
  type AdapterCall,
  type AttemptCall,
  createRouter,
  defineTable,
  ProviderError,
  type RouterMiddleware,
  type StreamPart,
} from "@modelpolicy/core";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openAIAdapter } from "../src/openai-adapter.js";
import type { OpenAIClientLike } from "../src/openai-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

const MODEL = "gpt-4.1-mini";
const server = new FakeOpenAIServer();

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: MODEL,
    messages: [
      { role: "system", content: "You extract parties." },
      { role: "user", content: "Between Acme and Beta." },
    ],
    maxOutputTokens: 321,
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ProviderError.isInstance(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

async function collect(parts: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error: unknown }> {
  const seen: StreamPart[] = [];
  try {
    for await (const part of parts) seen.push(part);
  } catch (error) {
    return { parts: seen, error };
  }
  return { parts: seen, error: undefined };
}

// openai 4.104 already has client.responses, so every supported major is exercised.
describe.each(SDK_MAJORS)('openAIAdapter(client, { api: "responses" }) over %s', (_major, makeClient) => {
  let client: OpenAIClientLike;
  beforeAll(() => {
    // maxRetries 5 on the client: the request counts below prove the adapter turned them off.
    client = makeClient({ apiKey: "sk-test", baseURL: server.baseURL, maxRetries: 5, timeout: 10_000 });
  });
  const adapter = () => openAIAdapter(client, { api: "responses" });

  it("says api responses and sends input items, max_output_tokens and store false", async () => {
    server.script(MODEL, [
      reply.ok("Acme; Beta", {
        usage: { promptTokens: 40, completionTokens: 4, cachedTokens: 32 },
        model: `${MODEL}-2025`,
      }),
    ]);
    const responses = adapter();
    expect(responses.api).toBe("responses");
    const response = await responses.generate(call());
    expect(response).toEqual({
      text: "Acme; Beta",
      usage: { inputTokens: 40, outputTokens: 4, cachedInputTokens: 32 },
      finishReason: "stop",
      servedModel: `${MODEL}-2025`,
      responseId: expect.stringMatching(/^resp_testkit_/),
      usageSource: "provider",
      serviceTier: "default",
    });
    expect(server.requests[0]).toMatchObject({
      path: "/v1/responses",
      body: {
        model: MODEL,
        input: [
          { role: "system", content: "You extract parties." },
          { role: "user", content: "Between Acme and Beta." },
        ],
        max_output_tokens: 321,
        store: false,
      },
    });
    expect(server.requests[0]?.body).not.toHaveProperty("text");
  });

  it("asks for structured output as text.format json_schema, non-strict unless asked", async () => {
    server.script(MODEL, [reply.ok({ parties: ["Acme"] })]);
    const schema = { type: "object", properties: { parties: { type: "array" } } };
    const response = await adapter().generate(call({ responseFormat: { name: "extract parties!", schema } }));
    expect(response).toMatchObject({ text: '{"parties":["Acme"]}', structuredOutputMode: "json_schema" });
    expect(server.requests[0]?.body?.text).toEqual({
      format: { type: "json_schema", name: "extract_parties_", schema, strict: false },
    });
    await adapter().generate(call({ responseFormat: { name: "x", schema, strict: true } }));
    expect(server.requests[1]?.body?.text).toMatchObject({ format: { strict: true } });
  });

  it("maps incomplete at max_output_tokens to output_limit, with its billed usage", async () => {
    server.script(MODEL, [
      reply.ok("cut", { finishReason: "length", usage: { promptTokens: 10, completionTokens: 321 } }),
    ]);
    const error = await failure(adapter().generate(call()));
    expect(error).toMatchObject({
      errorClass: "output_limit",
      usage: { inputTokens: 10, outputTokens: 321 },
      text: "cut",
    });
  });

  it("maps a content filter and a refusal to content_filter, not retried", async () => {
    server.script(MODEL, [reply.ok("", { finishReason: "content_filter" })]);
    const error = await failure(adapter().generate(call()));
    expect(error).toMatchObject({ errorClass: "content_filter", retryable: false });
  });

  it("maps HTTP errors like chat completions, in one request each", async () => {
    server.script(MODEL, [reply.serverError(503), reply.rateLimited(2)]);
    expect(await failure(adapter().generate(call()))).toMatchObject({ errorClass: "server_error", status: 503 });
    expect(await failure(adapter().generate(call()))).toMatchObject({ errorClass: "rate_limit", retryAfterMs: 2_000 });
    expect(server.requestCount).toBe(2);
  });

  it("streams text deltas, then a finish with the response's usage", async () => {
    server.script(MODEL, [reply.ok("streamed answer", { usage: { promptTokens: 9, completionTokens: 3 } })]);
    const { parts, error } = await collect(adapter().stream(call()));
    expect(error).toBeUndefined();
    expect(parts[0]).toMatchObject({ type: "response-metadata", servedModel: MODEL });
    expect(
      parts
        .filter((part) => part.type === "text-delta")
        .map((part) => part.text)
        .join(""),
    ).toBe("streamed answer");
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: "stop",
      usage: { inputTokens: 9, outputTokens: 3 },
      usageSource: "provider",
    });
    expect(server.requests[0]?.body).toMatchObject({ stream: true });
  });

  it("throws server_error for an error event and connection for a cut stream, after their deltas", async () => {
    server.script(MODEL, [
      reply.ok("streamed answer", { stream: { errorAfterChunks: 2 } }),
      reply.ok("streamed answer", { stream: { resetAfterChunks: 2 } }),
    ]);
    const errored = await collect(adapter().stream(call()));
    expect(errored.parts.map((part) => part.type)).toEqual(["response-metadata", "text-delta"]);
    expect(errored.error).toMatchObject({ errorClass: "server_error" });
    const cut = await collect(adapter().stream(call()));
    expect(cut.error).toMatchObject({ errorClass: "connection" });
  });

  it("throws output_limit for a stream that ends incomplete", async () => {
    server.script(MODEL, [reply.ok("cut short", { finishReason: "length" })]);
    const { parts, error } = await collect(adapter().stream(call()));
    expect(parts.some((part) => part.type === "text-delta")).toBe(true);
    expect(error).toMatchObject({ errorClass: "output_limit" });
  });

  it("routes a structured call whose attempts report api responses", async () => {
    const table = defineTable({
      version: "t1",
      tiers: { standard: { provider: "openai", model: MODEL } },
      policies: [
        {
          id: "extract",
          version: "1",
          task: "extraction",
          model_tier: "standard",
          max_input_tokens: 1_000,
          max_output_tokens: 200,
          evidence_required: false,
          review_required: false,
          fallback_policy: "stop",
          latency_tier: "fast",
          retry: { max_attempts: 2, base_delay_ms: 1 },
        },
      ],
    });
    const attempts: AttemptCall[] = [];
    const spy: RouterMiddleware = {
      name: "spy",
      onAttempt: (attempt, next) => {
        attempts.push(attempt);
        return next();
      },
    };
    const router = createRouter(table, { adapters: [adapter()], middleware: [spy], onDiagnostic: () => {} });
    server.script(MODEL, [reply.serverError(503), reply.ok({ party: "Acme" })]);
    const result = await router.run("extraction", {
      messages: [{ role: "user", content: "Acme signs." }],
      schema: z.object({ party: z.string() }),
    });
    expect(result.output).toEqual({ party: "Acme" });
    expect(result.attempts.map((attempt) => attempt.kind)).toEqual(["primary", "retry"]);
    expect(result.attempts[1]?.structuredOutputMode).toBe("json_schema");
    expect(attempts.map((attempt) => attempt.api)).toEqual(["responses", "responses"]);
  });
});

describe('openAIAdapter(client, { api: "responses" }) without client.responses', () => {
  it("refuses at construction, naming the SDK version that has it", () => {
    const client = { baseURL: "http://127.0.0.1:1/v1", chat: { completions: { create: async () => ({}) } } };
    expect(() => openAIAdapter(client, { api: "responses" })).toThrow(/client\.responses \(openai 4\.104 or later\)/);
  });
});
