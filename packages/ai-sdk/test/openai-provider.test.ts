import type { AdapterCall, ErrorClass } from "@modelpolicy/core";
import { ProviderError } from "@modelpolicy/core";
import { FakeOpenAIServer, reply, type StatusReply, waitUntil } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { aiSdkAdapter } from "../src/ai-sdk-adapter.js";
import type { AiSdkProviderLike } from "../src/ai-sdk-provider-like.js";
import { OPENAI_MAJORS } from "./providers.js";

const MODEL = "gpt-4o-mini";
const server = new FakeOpenAIServer();

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: MODEL,
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

const statuses: [string, StatusReply, ErrorClass, boolean][] = [
  ["400", reply.error(400, "invalid_value", { message: "Invalid value for 'temperature'" }), "bad_request", false],
  ["400 context_length_exceeded", reply.contextLengthExceeded(), "context_length", false],
  ["401", reply.error(401, "invalid_api_key"), "auth", false],
  ["404", reply.error(404, "model_not_found"), "not_found", false],
  ["409", reply.error(409), "conflict", true],
  ["429", reply.rateLimited(), "rate_limit", true],
  ["500", reply.serverError(500), "server_error", true],
  ["503", reply.serverError(503), "server_error", true],
];

describe.each(OPENAI_MAJORS)("aiSdkAdapter over %s chat models", (_major, makeChat, specification) => {
  let provider: AiSdkProviderLike;
  beforeAll(() => {
    provider = makeChat({ baseURL: server.baseURL, apiKey: "sk-test-canary" });
  });

  it(`calls a spec ${specification} model and maps text, usage with cache reads, served model and id`, async () => {
    expect(provider.languageModel(MODEL).specificationVersion).toBe(specification);
    server.script(MODEL, [
      reply.ok("Acme and Globex", {
        usage: { promptTokens: 1_200, completionTokens: 9, cachedTokens: 1_000 },
        model: "gpt-4o-mini-2024-07-18",
      }),
    ]);
    const response = await aiSdkAdapter(provider).generate(
      call({
        messages: [
          { role: "system", content: "You extract parties." },
          { role: "user", content: "Contract A" },
          { role: "assistant", content: "Acme" },
          { role: "user", content: "Contract B" },
        ],
        temperature: 0.2,
      }),
    );
    expect(response).toEqual({
      text: "Acme and Globex",
      usage: { inputTokens: 1_200, outputTokens: 9, cachedInputTokens: 1_000 },
      finishReason: "stop",
      servedModel: "gpt-4o-mini-2024-07-18",
      responseId: "chatcmpl-testkit-1",
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe("/v1/chat/completions");
    expect(server.requests[0]?.body).toEqual({
      model: MODEL,
      max_tokens: 321,
      temperature: 0.2,
      messages: [
        { role: "system", content: "You extract parties." },
        { role: "user", content: "Contract A" },
        { role: "assistant", content: "Acme" },
        { role: "user", content: "Contract B" },
      ],
    });
  });

  it("asks for structured output as a json_schema response format and returns the JSON text", async () => {
    const schema = {
      type: "object",
      properties: { parties: { type: "array", items: { type: "string" } } },
      required: ["parties"],
      additionalProperties: false,
    };
    server.script(MODEL, [reply.ok({ parties: ["Acme", "Globex"] }), reply.ok({ parties: [] })]);
    const adapter = aiSdkAdapter(provider);
    const response = await adapter.generate(call({ responseFormat: { name: "field extraction output", schema } }));
    expect(response).toMatchObject({ text: '{"parties":["Acme","Globex"]}', finishReason: "stop" });
    expect(server.requests[0]?.body?.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "field_extraction_output", schema },
    });
    // `strict` from the request reaches OpenAI through the provider's strictJsonSchema option.
    await adapter.generate(call({ responseFormat: { name: "parties", schema, strict: true } }));
    expect(server.requests[1]?.body?.response_format).toMatchObject({ json_schema: { strict: true } });
  });

  it("sends the adapter's extra headers", async () => {
    await aiSdkAdapter(provider, { headers: { "x-team": "contracts" } }).generate(call());
    expect(server.requests[0]?.headers["x-team"]).toBe("contracts");
  });

  it.each(statuses)("maps %s to %s (retryable %s) in one HTTP request", async (_name, scripted, errorClass, retry) => {
    // A success queued behind the error: any retry below the router would consume it and resolve.
    server.script(MODEL, [scripted, reply.ok("a retry reached this")]);
    const error = await failure(aiSdkAdapter(provider).generate(call()));
    expect(error).toMatchObject({ errorClass, retryable: retry, status: scripted.status, model: MODEL });
    expect(server.requestCount).toBe(1);
    expect(server.pendingReplies(MODEL)).toBe(1);
  });

  it("keeps the provider's error and the start of the response body in the message", async () => {
    server.script(MODEL, [reply.serverError(503, { message: "The engine is currently overloaded" })]);
    const error = await failure(aiSdkAdapter(provider).generate(call()));
    expect(error.message).toMatch(/^The engine is currently overloaded \(HTTP 503; response body: \{"error":/);
  });

  it.each([
    ["retry-after seconds", reply.rateLimited(2), 2_000],
    ["retry-after-ms before retry-after", reply.rateLimited(9, { retryAfterMs: 15 }), 15],
  ] as const)("reads %s on a 429 into retryAfterMs", async (_name, scripted, wait) => {
    server.script(MODEL, [scripted]);
    const error = await failure(aiSdkAdapter(provider).generate(call()));
    expect(error).toMatchObject({ errorClass: "rate_limit", retryable: true, status: 429, retryAfterMs: wait });
  });

  it("aborts a request in flight when the signal fires", async () => {
    server.script(MODEL, [reply.hang(), reply.ok("a retry reached this")]);
    const controller = new AbortController();
    const pending = failure(aiSdkAdapter(provider).generate(call({ signal: controller.signal })));
    await waitUntil(() => server.requests[0]);
    controller.abort();
    expect(await pending).toMatchObject({ errorClass: "aborted", retryable: false });
    await waitUntil(() => server.requests[0]?.closedByClient || undefined);
    expect(server.requestCount).toBe(1);
  });

  it("turns a length finish into output_limit and a content_filter finish into content_filter, keeping usage", async () => {
    server.script(MODEL, [
      reply.ok("truncat", { finishReason: "length", usage: { promptTokens: 50, completionTokens: 321 } }),
      reply.ok("", { finishReason: "content_filter", usage: { promptTokens: 50, completionTokens: 0 } }),
    ]);
    const adapter = aiSdkAdapter(provider);
    const length = await failure(adapter.generate(call()));
    expect(length).toMatchObject({ errorClass: "output_limit", retryable: false, model: MODEL });
    expect(length.usage).toMatchObject({ inputTokens: 50, outputTokens: 321 });
    const filtered = await failure(adapter.generate(call()));
    expect(filtered).toMatchObject({ errorClass: "content_filter", retryable: false, usage: { inputTokens: 50 } });
  });

  it("maps a connection reset and a refused connection to connection, a truncated body to server_error", async () => {
    server.script(MODEL, [reply.reset(), reply.malformed()]);
    const adapter = aiSdkAdapter(provider);
    expect(await failure(adapter.generate(call()))).toMatchObject({ errorClass: "connection", retryable: true });
    expect(await failure(adapter.generate(call()))).toMatchObject({ errorClass: "server_error", retryable: true });
    expect(server.requestCount).toBe(2);
    const refused = makeChat({ baseURL: "http://127.0.0.1:1/v1", apiKey: "x" });
    expect((await failure(aiSdkAdapter(refused).generate(call()))).errorClass).toBe("connection");
  });
});
