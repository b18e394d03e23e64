import type { AdapterCall, StreamPart } from "@modelpolicy/core";
import { ProviderError } from "@modelpolicy/core";
import { FakeOpenAIServer, reply, waitUntil } from "@modelpolicy/testkit";
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
    messages: [{ role: "user", content: "Summarise the contract." }],
    maxOutputTokens: 321,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Every part of a stream, or the parts before the error it threw. */
async function collect(parts: AsyncIterable<StreamPart>) {
  const seen: StreamPart[] = [];
  try {
    for await (const part of parts) seen.push(part);
  } catch (error) {
    return { parts: seen, text: textOf(seen), error };
  }
  return { parts: seen, text: textOf(seen), error: undefined };
}

function textOf(parts: StreamPart[]): string {
  return parts.map((part) => (part.type === "text-delta" ? part.text : "")).join("");
}

function providerError(error: unknown): ProviderError {
  if (!ProviderError.isInstance(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

/** console.error silenced: the SDK logs a chunk it could not parse before it throws. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = () => undefined;
  try {
    return await work();
  } finally {
    console.error = original;
  }
}

describe.each(SDK_MAJORS)("openAIAdapter.stream over %s", (_major, makeClient) => {
  let client: OpenAIClientLike;
  beforeAll(() => {
    client = makeClient({ apiKey: "sk-test-canary", baseURL: server.baseURL, maxRetries: 5, timeout: 10_000 });
  });
  // The fake is an OpenAI-compatible server on loopback: usage is asked for only when told to.
  const adapter = () => openAIAdapter(client, { streamUsage: true });

  it("streams the deltas, then a finish with the usage chunk's counts", async () => {
    server.script(MODEL, [
      reply.ok("The parties agree.", {
        usage: { promptTokens: 30, completionTokens: 4, cachedTokens: 16 },
        model: "gpt-4.1-mini-2025-04-14",
        stream: { chunkSize: 5 },
      }),
    ]);
    const { parts, text, error } = await collect(adapter().stream(call()));
    expect(error).toBeUndefined();
    expect(text).toBe("The parties agree.");
    expect(parts[0]).toMatchObject({ type: "response-metadata", servedModel: "gpt-4.1-mini-2025-04-14" });
    expect(parts.filter((part) => part.type === "text-delta")).toHaveLength(4);
    expect(parts.at(-1)).toEqual({
      type: "finish",
      finishReason: "stop",
      usage: { inputTokens: 30, outputTokens: 4, cachedInputTokens: 16 },
      usageSource: "provider",
      servedModel: "gpt-4.1-mini-2025-04-14",
      responseId: "chatcmpl-testkit-1",
      systemFingerprint: "fp_testkit",
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 321,
    });
  });

  it("releases the connection when the reader stops after two deltas", async () => {
    server.script(MODEL, [reply.ok("x".repeat(200), { stream: { chunkSize: 10, chunkDelayMs: 15 } })]);
    const iterator = adapter().stream(call())[Symbol.asyncIterator]();
    let deltas = 0;
    while (deltas < 2) {
      const step = await iterator.next();
      if (step.done) break;
      if (step.value.type === "text-delta") deltas += 1;
    }
    await iterator.return?.();
    await waitUntil(() => (server.requests[0]?.closedByClient ? true : undefined));
    expect(server.requests[0]?.closedByClient).toBe(true);
    expect(server.requests[0]?.chunksSent).toBeLessThan(22);
  });

  it("releases the connection when the signal aborts mid-stream", async () => {
    server.script(MODEL, [reply.ok("x".repeat(200), { stream: { chunkSize: 10, chunkDelayMs: 15 } })]);
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    const error = await (async () => {
      for await (const part of adapter().stream(call({ signal: controller.signal }))) {
        parts.push(part);
        if (part.type === "text-delta") controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(providerError(error).errorClass).toBe("aborted");
    await waitUntil(() => (server.requests[0]?.closedByClient ? true : undefined));
    expect(server.requests[0]?.closedByClient).toBe(true);
  });

  it("does not ask an OpenAI-compatible server for usage unless told to, and estimates it", async () => {
    server.script(MODEL, [reply.ok("twelve chars")]);
    const { parts } = await collect(openAIAdapter(client).stream(call()));
    expect(server.requests[0]?.body?.stream_options).toBeUndefined();
    expect(parts.at(-1)).toMatchObject({ type: "finish", usageSource: "estimated", usage: { outputTokens: 3 } });
  });

  it("estimates usage, and says so, when the server sends no usage chunk", async () => {
    server.script(MODEL, [reply.ok("twelve chars", { stream: { omitUsage: true } })]);
    const { parts } = await collect(adapter().stream(call()));
    expect(parts.at(-1)).toMatchObject({ type: "finish", usageSource: "estimated", usage: { outputTokens: 3 } });
  });

  it("throws connection after the deltas of a stream the server drops", async () => {
    server.script(MODEL, [reply.ok("abcdefghijkl", { stream: { chunkSize: 4, resetAfterChunks: 3 } })]);
    const { text, error } = await collect(adapter().stream(call()));
    expect(text).toBe("abcdefgh");
    expect(providerError(error).errorClass).toBe("connection");
  });

  it("throws server_error for an unreadable chunk and for a mid-stream error event", async () => {
    server.script(MODEL, [
      reply.ok("abcdefgh", { stream: { chunkSize: 4, malformedAfterChunks: 2 } }),
      reply.ok("abcdefgh", { stream: { chunkSize: 4, errorAfterChunks: 2 } }),
    ]);
    const malformed = await quietly(() => collect(adapter().stream(call())));
    expect(malformed.text).toBe("abcd");
    expect(providerError(malformed.error).errorClass).toBe("server_error");
    const failed = await collect(adapter().stream(call()));
    expect(failed.text).toBe("abcd");
    expect(providerError(failed.error).errorClass).toBe("server_error");
  });

  it("throws output_limit with the usage after the deltas of a stream cut at the limit", async () => {
    server.script(MODEL, [reply.ok("cut short", { finishReason: "length", usage: { completionTokens: 321 } })]);
    const { text, error } = await collect(adapter().stream(call()));
    expect(text).toBe("cut short");
    expect(providerError(error)).toMatchObject({ errorClass: "output_limit", usage: { outputTokens: 321 } });
  });

  it("maps a refused request before any part, in one request", async () => {
    server.script(MODEL, [reply.rateLimited(2)]);
    const { parts, error } = await collect(adapter().stream(call()));
    expect(parts).toHaveLength(0);
    expect(providerError(error)).toMatchObject({ errorClass: "rate_limit", retryAfterMs: 2_000 });
    expect(server.requests).toHaveLength(1);
  });

  it("asks again without stream_options when a server refuses the field, and no more after", async () => {
    server.script(MODEL, [
      reply.error(400, null, { message: "Unrecognized request argument supplied: stream_options" }),
      reply.ok("first", { stream: { omitUsage: true } }),
      reply.ok("second"),
    ]);
    const adapter = openAIAdapter(client, { streamUsage: true });
    expect((await collect(adapter.stream(call()))).text).toBe("first");
    expect((await collect(adapter.stream(call()))).text).toBe("second");
    expect(server.requests.map((request) => request.body?.stream_options)).toEqual([
      { include_usage: true },
      undefined,
      undefined,
    ]);
  });
});
