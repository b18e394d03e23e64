import type { AdapterCall, ErrorClass } from "@modelpolicy/core";
import { ProviderError } from "@modelpolicy/core";
import { anthropicReply, FakeAnthropicServer, type StatusReply, waitUntil } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { anthropicAdapter } from "../src/anthropic-adapter.js";
import type { AnthropicClientLike } from "../src/anthropic-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

const MODEL = "claude-haiku-4-5";
const server = new FakeAnthropicServer();

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
  [
    "400 invalid_request_error",
    anthropicReply.error(400, { message: "messages: field required" }),
    "bad_request",
    false,
  ],
  ["400 prompt is too long", anthropicReply.promptTooLong(), "context_length", false],
  ["401 authentication_error", anthropicReply.error(401), "auth", false],
  ["402 billing_error", anthropicReply.error(402), "auth", false],
  ["403 permission_error", anthropicReply.error(403), "auth", false],
  ["404 not_found_error", anthropicReply.error(404), "not_found", false],
  ["409", anthropicReply.error(409), "conflict", true],
  ["413 request_too_large", anthropicReply.error(413), "context_length", false],
  ["422", anthropicReply.error(422), "bad_request", false],
  ["429 rate_limit_error", anthropicReply.rateLimited(), "rate_limit", true],
  ["500 api_error", anthropicReply.serverError(500), "server_error", true],
  ["503", anthropicReply.serverError(503), "server_error", true],
  ["504 timeout_error", anthropicReply.serverError(504), "server_error", true],
  ["529 overloaded_error", anthropicReply.overloaded(), "server_error", true],
];

describe.each(SDK_MAJORS)("anthropicAdapter over %s", (_major, makeClient, apiVersion) => {
  // maxRetries 5 on the client: every test that counts requests proves the adapter turned the
  // SDK's own retries off per request.
  let client: AnthropicClientLike;
  beforeAll(() => {
    client = makeClient({ apiKey: "sk-ant-test-canary", baseURL: server.baseURL, maxRetries: 5, timeout: 10_000 });
  });

  it("maps a message's text, usage with cache reads and writes, served model and id", async () => {
    server.script(MODEL, [
      anthropicReply.text("Acme and Globex", {
        usage: { inputTokens: 100, outputTokens: 9, cacheReadInputTokens: 1_000, cacheCreationInputTokens: 300 },
        model: "claude-haiku-4-5-20251001",
      }),
    ]);
    const response = await anthropicAdapter(client).generate(call());
    expect(response).toEqual({
      text: "Acme and Globex",
      // 100 uncached + 1000 cache reads + 300 cache writes: the whole prompt, as the core counts it.
      usage: { inputTokens: 1_400, outputTokens: 9, cachedInputTokens: 1_000, cacheWriteInputTokens: 300 },
      finishReason: "stop",
      servedModel: "claude-haiku-4-5-20251001",
      responseId: "msg_testkit_1",
    });
    expect(server.requests[0]).toMatchObject({ path: "/v1/messages", apiVersion, model: MODEL });
    expect(server.requests[0]?.body).toEqual({
      model: MODEL,
      max_tokens: 321,
      messages: [{ role: "user", content: "Extract the parties." }],
    });
  });

  it("sends system messages as the top-level system field, joined, and keeps the conversation order", async () => {
    await anthropicAdapter(client).generate(
      call({
        messages: [
          { role: "system", content: "You extract parties." },
          { role: "user", content: "Contract A" },
          { role: "assistant", content: "Acme" },
          { role: "system", content: "Answer in JSON." },
          { role: "user", content: "Contract B" },
        ],
      }),
    );
    const body = server.requests[0]?.body;
    expect(body?.system).toBe("You extract parties.\n\nAnswer in JSON.");
    expect(body?.messages).toEqual([
      { role: "user", content: "Contract A" },
      { role: "assistant", content: "Acme" },
      { role: "user", content: "Contract B" },
    ]);
  });

  it("asks for structured output with one forced tool and returns its input as JSON text", async () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { parties: { type: "array", items: { type: "string" } } },
      required: ["parties"],
      additionalProperties: false,
    };
    server.script(MODEL, [anthropicReply.toolUse({ parties: ["Acme", "Globex"] })]);
    const response = await anthropicAdapter(client).generate(
      call({ responseFormat: { name: "field extraction output", schema } }),
    );
    expect(response).toMatchObject({ text: '{"parties":["Acme","Globex"]}', finishReason: "stop" });
    const { $schema: _dialect, ...inputSchema } = schema;
    expect(server.requests[0]?.body).toMatchObject({
      tools: [{ name: "field_extraction_output", input_schema: inputSchema }],
      tool_choice: { type: "tool", name: "field_extraction_output" },
    });
    expect(server.requests[0]?.body?.tools?.[0]).not.toHaveProperty("strict");
  });

  it("wraps a non-object schema in an object tool input and unwraps the answer", async () => {
    const schema = { type: "array", items: { type: "string" } };
    server.script(MODEL, [anthropicReply.toolUse({ output: ["Acme", "Globex"] })]);
    const response = await anthropicAdapter(client).generate(call({ responseFormat: { name: "parties", schema } }));
    expect(response.text).toBe('["Acme","Globex"]');
    expect(server.requests[0]?.body?.tools?.[0]?.input_schema).toEqual({
      type: "object",
      properties: { output: schema },
      required: ["output"],
      additionalProperties: false,
    });
  });

  it("passes strict: true through to the tool and returns text when the model answered in text", async () => {
    const format = { name: "invoice", schema: { type: "object" }, strict: true };
    server.script(MODEL, [anthropicReply.text("not a tool call")]);
    const response = await anthropicAdapter(client).generate(call({ responseFormat: format }));
    expect(server.requests[0]?.body?.tools?.[0]).toMatchObject({ name: "invoice", strict: true });
    // The router's schema check (and repair) decides what such an answer is worth.
    expect(response).toMatchObject({ text: "not a tool call", finishReason: "stop" });
  });

  it("sends temperature unless told not to; API version 2026-10-21 refuses it with a hint", async () => {
    const adapter = anthropicAdapter(client);
    if (apiVersion === "2023-06-01") {
      await adapter.generate(call({ temperature: 0.2 }));
      expect(server.requests[0]?.body?.temperature).toBe(0.2);
    } else {
      const error = await failure(adapter.generate(call({ temperature: 0.2 })));
      expect(error).toMatchObject({ errorClass: "bad_request", retryable: false, status: 400 });
      expect(error.message).toMatch(/temperature: Extra inputs are not permitted.*sendTemperature: false/);
    }
    await anthropicAdapter(client, { sendTemperature: false }).generate(call({ temperature: 0.2 }));
    expect(server.requests.at(-1)?.status).toBe(200);
    expect(server.requests.at(-1)?.body).not.toHaveProperty("temperature");
  });

  it("names its provider anthropic unless told otherwise", () => {
    expect(anthropicAdapter(client)).toMatchObject({
      specificationVersion: "v2",
      provider: "anthropic",
      endpoint: { address: "127.0.0.1", port: Number(new URL(server.baseURL).port) },
    });
    expect(anthropicAdapter(client, { provider: "claude-eu" }).provider).toBe("claude-eu");
  });

  it.each(statuses)("maps %s to %s (retryable %s) in one HTTP request", async (_name, scripted, errorClass, retry) => {
    // A success queued behind the error: an SDK retry would consume it and resolve.
    server.script(MODEL, [scripted, anthropicReply.text("an SDK retry reached this")]);
    const error = await failure(anthropicAdapter(client).generate(call()));
    expect(error).toMatchObject({ errorClass, retryable: retry, status: scripted.status, model: MODEL });
    expect(server.requestCount).toBe(1);
    expect(server.pendingReplies(MODEL)).toBe(1);
  });

  it("says which Anthropic error it was", async () => {
    server.script(MODEL, [anthropicReply.overloaded()]);
    const error = await failure(anthropicAdapter(client).generate(call()));
    expect(error.message).toBe("529 overloaded_error: Overloaded");
  });

  it.each([
    ["retry-after seconds on a 429", anthropicReply.rateLimited(2), 2_000],
    ["retry-after-ms on a 529", anthropicReply.overloaded({ retryAfterMs: 40 }), 40],
    ["retry-after seconds on a 529", anthropicReply.overloaded({ retryAfter: 1 }), 1_000],
    ["retry-after-ms before retry-after", anthropicReply.overloaded({ retryAfter: 9, retryAfterMs: 15 }), 15],
  ] as const)("reads %s into retryAfterMs", async (_name, scripted, wait) => {
    server.script(MODEL, [scripted]);
    const error = await failure(anthropicAdapter(client).generate(call()));
    expect(error.retryAfterMs).toBe(wait);
    expect(error.retryable).toBe(true);
  });

  it("reads retry-after as an HTTP date into retryAfterMs", async () => {
    const date = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
    server.script(MODEL, [anthropicReply.rateLimited(undefined, { headers: { "retry-after": date.toUTCString() } })]);
    const before = Date.now();
    const error = await failure(anthropicAdapter(client).generate(call()));
    expect(error.retryAfterMs).toBeLessThanOrEqual(date.getTime() - before);
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(date.getTime() - Date.now());
  });

  it("aborts a request in flight when the signal fires, without an SDK retry", async () => {
    server.script(MODEL, [anthropicReply.hang(), anthropicReply.text("an SDK retry reached this")]);
    const controller = new AbortController();
    const pending = failure(anthropicAdapter(client).generate(call({ signal: controller.signal })));
    await waitUntil(() => server.requests[0]);
    controller.abort();
    expect(await pending).toMatchObject({ errorClass: "aborted", retryable: false });
    await waitUntil(() => server.requests[0]?.closedByClient || undefined);
    expect(server.requestCount).toBe(1);
    expect(server.pendingReplies(MODEL)).toBe(1);
  });

  it("maps the SDK's own timeout to timeout, in one request", async () => {
    server.script(MODEL, [anthropicReply.hang(), anthropicReply.text("an SDK retry reached this")]);
    const impatient = makeClient({ apiKey: "x", baseURL: server.baseURL, maxRetries: 5, timeout: 100 });
    expect((await failure(anthropicAdapter(impatient).generate(call()))).errorClass).toBe("timeout");
    expect(server.requestCount).toBe(1);
  });

  it("maps a connection reset and a refused connection to connection", async () => {
    server.script(MODEL, [anthropicReply.reset()]);
    expect((await failure(anthropicAdapter(client).generate(call()))).errorClass).toBe("connection");
    expect(server.requestCount).toBe(1);
    const refused = makeClient({ apiKey: "x", baseURL: "http://127.0.0.1:1", maxRetries: 5, timeout: 10_000 });
    expect((await failure(anthropicAdapter(refused).generate(call()))).errorClass).toBe("connection");
  });

  it("maps a truncated body to a retryable server_error", async () => {
    server.script(MODEL, [anthropicReply.malformed()]);
    const error = await failure(anthropicAdapter(client).generate(call()));
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true });
  });

  it("turns max_tokens, refusal and context-window stops into errors that keep the usage", async () => {
    const usage = { inputTokens: 50, outputTokens: 321 };
    server.script(MODEL, [
      anthropicReply.text("truncat", { stopReason: "max_tokens", usage }),
      anthropicReply.refusal({ usage: { inputTokens: 50, outputTokens: 3 } }),
      anthropicReply.text("cut", { stopReason: "model_context_window_exceeded", usage }),
    ]);
    const adapter = anthropicAdapter(client);
    const length = await failure(adapter.generate(call()));
    // The cut text goes with the error, for a policy's `partial` step to keep.
    expect(length).toMatchObject({ errorClass: "output_limit", retryable: false, text: "truncat" });
    expect(length.usage).toEqual({
      inputTokens: 50,
      outputTokens: 321,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
    });
    const refused = await failure(adapter.generate(call()));
    expect(refused).toMatchObject({ errorClass: "content_filter", retryable: false, usage: { outputTokens: 3 } });
    expect((await failure(adapter.generate(call()))).errorClass).toBe("context_length");
  });

  it("reports tool_calls when a model calls a tool nobody forced", async () => {
    server.script(MODEL, [anthropicReply.toolUse({ city: "Paris" }, { name: "weather" })]);
    expect((await anthropicAdapter(client).generate(call())).finishReason).toBe("tool_calls");
  });

  it("explains the SDK's refusal of a long non-streaming request, which never reaches the network", async () => {
    const untimed = makeClient({ apiKey: "x", baseURL: server.baseURL, maxRetries: 5 });
    const error = await failure(anthropicAdapter(untimed).generate(call({ maxOutputTokens: 64_000 })));
    expect(error).toMatchObject({ errorClass: "bad_request", retryable: false });
    expect(error.message).toMatch(/set `timeout` on the Anthropic client/);
    expect(server.requestCount).toBe(0);
  });
});
