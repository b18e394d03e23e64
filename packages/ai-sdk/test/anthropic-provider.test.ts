import { createAnthropic } from "@ai-sdk/anthropic";
import type { AdapterCall } from "@modelpolicy/core";
import { ProviderError } from "@modelpolicy/core";
import { anthropicReply, FakeAnthropicServer, waitUntil } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { aiSdkAdapter } from "../src/ai-sdk-adapter.js";

const MODEL = "claude-haiku-4-5";
const server = new FakeAnthropicServer();

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function anthropic() {
  return createAnthropic({ baseURL: `${server.baseURL}/v1`, apiKey: "sk-ant-test-canary" });
}

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: MODEL,
    messages: [
      { role: "system", content: "You extract parties." },
      { role: "user", content: "Extract the parties." },
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

const schema = {
  type: "object",
  properties: { parties: { type: "array", items: { type: "string" } } },
  required: ["parties"],
  additionalProperties: false,
};

describe("aiSdkAdapter over @ai-sdk/anthropic 4.x (spec v4)", () => {
  it("names itself anthropic and maps text, usage with cache reads and writes, served model and id", async () => {
    server.script(MODEL, [
      anthropicReply.text("Acme and Globex", {
        usage: { inputTokens: 100, outputTokens: 9, cacheReadInputTokens: 1_000, cacheCreationInputTokens: 300 },
        model: "claude-haiku-4-5-20251001",
      }),
    ]);
    const adapter = aiSdkAdapter(anthropic());
    expect(adapter).toMatchObject({ specificationVersion: "v2", provider: "anthropic" });
    expect(await adapter.generate(call())).toEqual({
      text: "Acme and Globex",
      // 100 uncached + 1000 cache reads + 300 cache writes: the whole prompt, as the core counts it.
      usage: { inputTokens: 1_400, outputTokens: 9, cachedInputTokens: 1_000, cacheWriteInputTokens: 300 },
      finishReason: "stop",
      servedModel: "claude-haiku-4-5-20251001",
      responseId: "msg_testkit_1",
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ path: "/v1/messages", model: MODEL });
    expect(server.requests[0]?.body).toMatchObject({
      model: MODEL,
      max_tokens: 321,
      system: [{ type: "text", text: "You extract parties." }],
      messages: [{ role: "user", content: [{ type: "text", text: "Extract the parties." }] }],
    });
  });

  it("asks for structured output the way the provider chooses (output_config.format) and returns the JSON text", async () => {
    server.script(MODEL, [anthropicReply.text('{"parties":["Acme","Globex"]}')]);
    const response = await aiSdkAdapter(anthropic()).generate(call({ responseFormat: { name: "parties", schema } }));
    expect(response).toMatchObject({ text: '{"parties":["Acme","Globex"]}', finishReason: "stop" });
    expect(server.requests[0]?.body?.output_config).toEqual({ format: { type: "json_schema", schema } });
  });

  it("passes providerOptions through: structuredOutputMode jsonTool asks for a json tool whose input is the answer", async () => {
    server.script(MODEL, [anthropicReply.toolUse({ parties: ["Acme"] })]);
    const adapter = aiSdkAdapter(anthropic(), { providerOptions: { anthropic: { structuredOutputMode: "jsonTool" } } });
    const response = await adapter.generate(call({ responseFormat: { name: "parties", schema } }));
    expect(response).toMatchObject({ text: '{"parties":["Acme"]}', finishReason: "stop" });
    expect(server.requests[0]?.body?.tools).toHaveLength(1);
    expect(server.requests[0]?.body?.tools?.[0]).toMatchObject({ name: "json", input_schema: schema });
    // The provider forces "a tool" (`any`), of which the json tool is the only one.
    expect(server.requests[0]?.body?.tool_choice).toMatchObject({ type: "any" });
  });

  it("maps a 429 with retry-after to rate_limit with retryAfterMs", async () => {
    server.script(MODEL, [anthropicReply.rateLimited(2)]);
    const error = await failure(aiSdkAdapter(anthropic()).generate(call()));
    expect(error).toMatchObject({ errorClass: "rate_limit", retryable: true, status: 429, retryAfterMs: 2_000 });
    expect(error.message).toMatch(/\(HTTP 429; response body: \{"type":"error","error":\{"type":"rate_limit_error"/);
  });

  it.each([
    ["503", anthropicReply.serverError(503)],
    ["529 overloaded_error", anthropicReply.overloaded({ retryAfterMs: 40 })],
  ])("maps %s to a retryable server_error in exactly one HTTP request", async (_name, scripted) => {
    // A success queued behind the error: an SDK retry would consume it and resolve.
    server.script(MODEL, [scripted, anthropicReply.text("a retry reached this")]);
    const error = await failure(aiSdkAdapter(anthropic()).generate(call()));
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true, status: scripted.status });
    expect(server.requestCount).toBe(1);
    expect(server.pendingReplies(MODEL)).toBe(1);
  });

  it("maps a prompt that is too long to context_length and a 401 to auth", async () => {
    server.script(MODEL, [anthropicReply.promptTooLong(), anthropicReply.error(401)]);
    const adapter = aiSdkAdapter(anthropic());
    expect(await failure(adapter.generate(call()))).toMatchObject({ errorClass: "context_length", status: 400 });
    expect(await failure(adapter.generate(call()))).toMatchObject({ errorClass: "auth", retryable: false });
  });

  it("aborts a request in flight when the signal fires", async () => {
    server.script(MODEL, [anthropicReply.hang(), anthropicReply.text("a retry reached this")]);
    const controller = new AbortController();
    const pending = failure(aiSdkAdapter(anthropic()).generate(call({ signal: controller.signal })));
    await waitUntil(() => server.requests[0]);
    controller.abort();
    expect(await pending).toMatchObject({ errorClass: "aborted", retryable: false });
    await waitUntil(() => server.requests[0]?.closedByClient || undefined);
    expect(server.requestCount).toBe(1);
    expect(server.pendingReplies(MODEL)).toBe(1);
  });

  it("turns max_tokens, context-window and refusal stops into errors that keep the usage", async () => {
    const usage = { inputTokens: 50, outputTokens: 321 };
    server.script(MODEL, [
      anthropicReply.text("truncat", { stopReason: "max_tokens", usage }),
      anthropicReply.text("cut", { stopReason: "model_context_window_exceeded", usage }),
      anthropicReply.refusal({ usage: { inputTokens: 50, outputTokens: 3 } }),
    ]);
    const adapter = aiSdkAdapter(anthropic());
    const length = await failure(adapter.generate(call()));
    expect(length).toMatchObject({ errorClass: "output_limit", retryable: false });
    expect(length.usage).toEqual({
      inputTokens: 50,
      outputTokens: 321,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
    });
    expect(await failure(adapter.generate(call()))).toMatchObject({ errorClass: "context_length", retryable: false });
    const refused = await failure(adapter.generate(call()));
    expect(refused).toMatchObject({ errorClass: "content_filter", usage: { outputTokens: 3 } });
  });
});
