import { type AdapterCall, ProviderError } from "@modelpolicy/core";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openAIAdapter } from "./openai-adapter.js";

const server = new FakeOpenAIServer();
let client: OpenAI;

beforeAll(async () => {
  const { baseURL } = await server.start();
  // maxRetries 5 on the client proves the adapter turns the SDK's retries off per call.
  client = new OpenAI({ apiKey: "sk-test-canary", baseURL, maxRetries: 5, timeout: 10_000 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: "gpt-4.1-mini",
    messages: [{ role: "user", content: "Extract the parties." }],
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

describe("openAIAdapter over the real SDK", () => {
  it("sends the output limit and JSON schema, and maps the answer", async () => {
    server.script("gpt-4.1-mini", [
      reply.ok(
        { parties: ["Acme"] },
        { usage: { promptTokens: 120, completionTokens: 9, cachedTokens: 64 }, model: "gpt-4.1-mini-2025-04-14" },
      ),
    ]);
    const adapter = openAIAdapter(client);
    const response = await adapter.generate(
      call({ responseFormat: { name: "field extraction output", schema: { type: "object" } } }),
    );
    expect(response).toMatchObject({
      text: JSON.stringify({ parties: ["Acme"] }),
      usage: { inputTokens: 120, outputTokens: 9, cachedInputTokens: 64 },
      finishReason: "stop",
      servedModel: "gpt-4.1-mini-2025-04-14",
    });
    const body = server.requests[0]?.body as Record<string, unknown>;
    expect(body.max_tokens).toBe(321);
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "field_extraction_output", schema: { type: "object" }, strict: false },
    });
  });

  it("uses max_completion_tokens when asked", async () => {
    const adapter = openAIAdapter(client, { maxTokensParameter: "max_completion_tokens" });
    await adapter.generate(call());
    expect(server.requests[0]?.body).toMatchObject({ max_completion_tokens: 321 });
  });

  it.each([
    ["429", reply.rateLimited(2), "rate_limit", true, 2000],
    ["429 retry-after-ms", reply.error(429, "rate_limit_exceeded", { retryAfterMs: 250 }), "rate_limit", true, 250],
    ["400 context length", reply.contextLengthExceeded(), "context_length", false, undefined],
    ["400", reply.error(400, "invalid_value"), "bad_request", false, undefined],
    ["401", reply.error(401, "invalid_api_key"), "auth", false, undefined],
    ["403", reply.error(403), "auth", false, undefined],
    ["404", reply.error(404, "model_not_found"), "not_found", false, undefined],
    ["408", reply.error(408), "timeout", true, undefined],
    ["409", reply.error(409), "conflict", true, undefined],
    ["422", reply.error(422), "bad_request", false, undefined],
    ["500", reply.serverError(500), "server_error", true, undefined],
    ["503", reply.serverError(503, { retryAfter: 1 }), "server_error", true, 1000],
  ] as const)("maps %s to %s (retryable %s) with one request", async (_name, scripted, errorClass, retryable, wait) => {
    server.script("gpt-4.1-mini", [scripted]);
    const error = await failure(openAIAdapter(client).generate(call()));
    expect(error.errorClass).toBe(errorClass);
    expect(error.retryable).toBe(retryable);
    expect(error.retryAfterMs).toBe(wait);
    expect(server.requestCount).toBe(1);
  });

  it("maps a connection reset and a refused connection to connection", async () => {
    server.script("gpt-4.1-mini", [reply.reset()]);
    expect((await failure(openAIAdapter(client).generate(call()))).errorClass).toBe("connection");
    const refused = new OpenAI({ apiKey: "x", baseURL: "http://127.0.0.1:1/v1" });
    expect((await failure(openAIAdapter(refused).generate(call()))).errorClass).toBe("connection");
  });

  it("maps malformed JSON and an HTML page to a typed error", async () => {
    server.script("gpt-4.1-mini", [reply.malformed(), reply.html()]);
    expect((await failure(openAIAdapter(client).generate(call()))).errorClass).toBe("server_error");
    expect((await failure(openAIAdapter(client).generate(call()))).errorClass).toBe("server_error");
  });

  it("turns finish_reason length and content_filter into errors that keep the usage", async () => {
    server.script("gpt-4.1-mini", [
      reply.ok("truncat", { finishReason: "length", usage: { promptTokens: 50, completionTokens: 321 } }),
      reply.ok("", { finishReason: "content_filter", usage: { promptTokens: 50, completionTokens: 0 } }),
    ]);
    const length = await failure(openAIAdapter(client).generate(call()));
    expect(length.errorClass).toBe("output_limit");
    expect(length.usage).toMatchObject({ inputTokens: 50, outputTokens: 321 });
    const filtered = await failure(openAIAdapter(client).generate(call()));
    expect(filtered).toMatchObject({ errorClass: "content_filter", retryable: false });
  });

  it("aborts a hanging request when the signal fires", async () => {
    server.script("gpt-4.1-mini", [reply.hang()]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(openAIAdapter(client).generate(call({ signal: controller.signal })));
    expect(error.errorClass).toBe("aborted");
    await expect.poll(() => server.requests[0]?.closedByClient).toBe(true);
  });

  it("maps the SDK's own timeout to timeout", async () => {
    server.script("gpt-4.1-mini", [reply.hang()]);
    const impatient = new OpenAI({ apiKey: "x", baseURL: server.baseURL, timeout: 100 });
    expect((await failure(openAIAdapter(impatient).generate(call()))).errorClass).toBe("timeout");
  });
});
