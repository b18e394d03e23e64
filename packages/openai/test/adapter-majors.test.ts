import type { AdapterCall, ErrorClass } from "@modelpolicy/core";
import { ProviderError } from "@modelpolicy/core";
import { FakeOpenAIServer, reply, type StatusReply, waitUntil } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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

const statuses: [string, ErrorClass, boolean, StatusReply][] = [
  ["400", "bad_request", false, reply.error(400, "invalid_value")],
  ["400 context_length_exceeded", "context_length", false, reply.contextLengthExceeded()],
  ["401", "auth", false, reply.error(401, "invalid_api_key")],
  ["403", "auth", false, reply.error(403)],
  ["404", "not_found", false, reply.error(404, "model_not_found")],
  ["408", "timeout", true, reply.error(408)],
  ["409", "conflict", true, reply.error(409)],
  ["413", "context_length", false, reply.error(413)],
  ["422", "bad_request", false, reply.error(422)],
  ["429", "rate_limit", true, reply.rateLimited()],
  ["500", "server_error", true, reply.serverError(500)],
  ["503", "server_error", true, reply.serverError(503)],
];

describe.each(SDK_MAJORS)("openAIAdapter over %s", (_major, makeClient) => {
  // maxRetries 5 on the client: every test that counts requests proves the adapter turned the
  // SDK's own retries off per request.
  let client: OpenAIClientLike;
  beforeAll(() => {
    client = makeClient({ apiKey: "sk-test-canary", baseURL: server.baseURL, maxRetries: 5, timeout: 10_000 });
  });

  it("maps a completion's text, usage, served model and id", async () => {
    server.script(MODEL, [
      reply.ok(
        { parties: ["Acme"] },
        { usage: { promptTokens: 120, completionTokens: 9, cachedTokens: 64 }, model: "gpt-4.1-mini-2025-04-14" },
      ),
    ]);
    const response = await openAIAdapter(client).generate(call());
    expect(response).toEqual({
      text: JSON.stringify({ parties: ["Acme"] }),
      usage: { inputTokens: 120, outputTokens: 9, cachedInputTokens: 64 },
      finishReason: "stop",
      servedModel: "gpt-4.1-mini-2025-04-14",
      responseId: "chatcmpl-testkit-1",
      usageSource: "provider",
      systemFingerprint: "fp_testkit",
    });
    expect(server.requests[0]?.body).toMatchObject({ model: MODEL, max_tokens: 321 });
  });

  it("names its endpoint from the client's base URL, and its API", () => {
    expect(openAIAdapter(client)).toMatchObject({
      specificationVersion: "v2",
      endpoint: { address: "127.0.0.1", port: Number(new URL(server.baseURL).port) },
      api: "chat_completions",
    });
  });

  it("sends response_format json_schema with a sanitised name, non-strict by default", async () => {
    await openAIAdapter(client).generate(
      call({ responseFormat: { name: "field extraction output", schema: { type: "object" } } }),
    );
    expect(server.requests[0]?.body?.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "field_extraction_output", schema: { type: "object" }, strict: false },
    });
  });

  it("passes strict: true through to json_schema.strict", async () => {
    const schema = { type: "object", properties: { total: { type: "number" } }, required: ["total"] };
    const format = { name: "invoice", schema, strict: true };
    await openAIAdapter(client).generate(call({ responseFormat: format }));
    expect(server.requests[0]?.body?.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "invoice", schema, strict: true },
    });
  });

  it("sends the output limit as max_completion_tokens when asked", async () => {
    await openAIAdapter(client, { maxTokensParameter: "max_completion_tokens" }).generate(call());
    const body = server.requests[0]?.body;
    expect(body).toMatchObject({ max_completion_tokens: 321 });
    expect(body).not.toHaveProperty("max_tokens");
  });

  it.each(statuses)("maps %s to %s (retryable %s) in one HTTP request", async (_name, errorClass, retry, scripted) => {
    // A success queued behind the error: an SDK retry would consume it and resolve.
    server.script(MODEL, [scripted, reply.ok("an SDK retry reached this")]);
    const error = await failure(openAIAdapter(client).generate(call()));
    expect(error).toMatchObject({ errorClass, retryable: retry, status: scripted.status, model: MODEL });
    expect(server.requestCount).toBe(1);
    expect(server.pendingReplies(MODEL)).toBe(1);
  });

  it("makes exactly one HTTP request on a 503 (the SDK's own retries are off)", async () => {
    server.script(MODEL, [reply.serverError(503), reply.serverError(503), reply.ok("retried")]);
    const error = await failure(openAIAdapter(client).generate(call()));
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true, status: 503 });
    expect(server.requestCount).toBe(1);
  });

  it.each([
    ["retry-after-ms on a 429", reply.error(429, "rate_limit_exceeded", { retryAfterMs: 250 }), 250],
    ["retry-after-ms on a 503", reply.serverError(503, { retryAfterMs: 1_500 }), 1_500],
    ["retry-after seconds on a 429", reply.rateLimited(2), 2_000],
    ["retry-after seconds on a 503", reply.serverError(503, { retryAfter: 1 }), 1_000],
    ["retry-after-ms before retry-after", reply.serverError(503, { retryAfter: 9, retryAfterMs: 40 }), 40],
  ] as const)("reads %s into retryAfterMs", async (_name, scripted, wait) => {
    server.script(MODEL, [scripted]);
    const error = await failure(openAIAdapter(client).generate(call()));
    expect(error.retryAfterMs).toBe(wait);
    expect(error.retryable).toBe(true);
  });

  it("reads retry-after as an HTTP date into retryAfterMs", async () => {
    const date = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
    server.script(MODEL, [reply.serverError(503, { headers: { "retry-after": date.toUTCString() } })]);
    const before = Date.now();
    const error = await failure(openAIAdapter(client).generate(call()));
    // The wait is measured from when the error was mapped, which is between `before` and now.
    expect(error.retryAfterMs).toBeLessThanOrEqual(date.getTime() - before);
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(date.getTime() - Date.now());
  });

  it("aborts a request in flight when the signal fires, without an SDK retry", async () => {
    server.script(MODEL, [reply.hang(), reply.ok("an SDK retry reached this")]);
    const controller = new AbortController();
    const pending = failure(openAIAdapter(client).generate(call({ signal: controller.signal })));
    await waitUntil(() => server.requests[0]);
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ errorClass: "aborted", retryable: false });
    await waitUntil(() => server.requests[0]?.closedByClient || undefined);
    expect(server.requestCount).toBe(1);
    expect(server.pendingReplies(MODEL)).toBe(1);
  });

  it("maps the SDK's own timeout to timeout, in one request", async () => {
    server.script(MODEL, [reply.hang(), reply.ok("an SDK retry reached this")]);
    const impatient = makeClient({ apiKey: "x", baseURL: server.baseURL, maxRetries: 5, timeout: 100 });
    expect((await failure(openAIAdapter(impatient).generate(call()))).errorClass).toBe("timeout");
    expect(server.requestCount).toBe(1);
  });

  it("maps a connection reset and a refused connection to connection", async () => {
    server.script(MODEL, [reply.reset()]);
    expect((await failure(openAIAdapter(client).generate(call()))).errorClass).toBe("connection");
    expect(server.requestCount).toBe(1);
    const refused = makeClient({ apiKey: "x", baseURL: "http://127.0.0.1:1/v1", maxRetries: 5 });
    expect((await failure(openAIAdapter(refused).generate(call()))).errorClass).toBe("connection");
  });

  it("maps malformed JSON and an HTML page to a retryable server_error", async () => {
    server.script(MODEL, [reply.malformed(), reply.html()]);
    const malformed = await failure(openAIAdapter(client).generate(call()));
    expect(malformed).toMatchObject({ errorClass: "server_error", retryable: true });
    const html = await failure(openAIAdapter(client).generate(call()));
    expect(html).toMatchObject({ errorClass: "server_error", retryable: true });
  });

  it("turns finish_reason length and content_filter into errors that keep the usage", async () => {
    server.script(MODEL, [
      reply.ok("truncat", { finishReason: "length", usage: { promptTokens: 50, completionTokens: 321 } }),
      reply.ok("", { finishReason: "content_filter", usage: { promptTokens: 50, completionTokens: 0 } }),
    ]);
    const length = await failure(openAIAdapter(client).generate(call()));
    expect(length.errorClass).toBe("output_limit");
    expect(length.usage).toMatchObject({ inputTokens: 50, outputTokens: 321 });
    // The cut text travels with the error, for a policy's `partial` step to keep what is whole.
    expect(length.text).toBe("truncat");
    const filtered = await failure(openAIAdapter(client).generate(call()));
    expect(filtered).toMatchObject({ errorClass: "content_filter", retryable: false });
  });
});
