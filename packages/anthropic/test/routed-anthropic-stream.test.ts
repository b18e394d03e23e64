import {
  type AdapterCall,
  createRouter,
  DeadlineExceededError,
  defineTable,
  ProviderError,
  RoutedCallError,
  type StreamPart,
} from "@modelpolicy/core";
import { anthropicReply, FakeAnthropicServer, waitUntil } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { anthropicAdapter } from "../src/anthropic-adapter.js";
import type { AnthropicClientLike } from "../src/anthropic-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

const FAST = "claude-haiku-4-5";
const STANDARD = "claude-sonnet-4-6";
const server = new FakeAnthropicServer();

function makeRouter(client: AnthropicClientLike) {
  const table = defineTable({
    version: "t1",
    tiers: {
      fast: { provider: "anthropic", model: FAST },
      standard: { provider: "anthropic", model: STANDARD },
    },
    policies: [
      {
        id: "summarise",
        version: "1",
        task: "summary",
        model_tier: "fast",
        max_input_tokens: 500,
        max_output_tokens: 80,
        evidence_required: false,
        review_required: false,
        fallback_policy: "next_tier",
        latency_tier: "fast",
        retry: { max_attempts: 2, base_delay_ms: 1 },
      },
    ],
  });
  return createRouter(table, {
    adapters: [anthropicAdapter(client, { sendTemperature: false })],
    onDiagnostic: () => {},
  });
}

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const messages = [{ role: "user" as const, content: "Summarise: the supplier delivers monthly." }];

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return { model: FAST, messages, maxOutputTokens: 80, signal: new AbortController().signal, ...overrides };
}

/** Every part of an adapter stream, or the error it threw with the parts before it. */
async function readParts(parts: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error?: unknown }> {
  const seen: StreamPart[] = [];
  try {
    for await (const part of parts) seen.push(part);
  } catch (error) {
    return { parts: seen, error };
  }
  return { parts: seen };
}

function deltas(parts: StreamPart[]): string[] {
  return parts.flatMap((part) => (part.type === "text-delta" ? [part.text] : []));
}

describe.each(SDK_MAJORS)("anthropicAdapter.stream + %s over HTTP", (_major, makeClient) => {
  let client: AnthropicClientLike;
  let router: ReturnType<typeof makeRouter>;
  beforeAll(() => {
    client = makeClient({ apiKey: "sk-ant-test", baseURL: server.baseURL, maxRetries: 3, timeout: 10_000 });
    router = makeRouter(client);
  });

  it("streams every delta and finishes with the usage, cache reads and writes included", async () => {
    server.script(FAST, [
      anthropicReply.text("Monthly deliveries.", {
        usage: { inputTokens: 20, outputTokens: 4, cacheReadInputTokens: 300, cacheCreationInputTokens: 50 },
        stream: { chunkSize: 4 },
      }),
    ]);
    const { parts, error } = await readParts(anthropicAdapter(client).stream(call()));
    expect(error).toBeUndefined();
    expect(parts[0]).toMatchObject({ type: "response-metadata", servedModel: FAST, responseId: "msg_testkit_1" });
    expect(deltas(parts)).toEqual(["Mont", "hly ", "deli", "veri", "es."]);
    expect(parts.at(-1)).toEqual({
      type: "finish",
      finishReason: "stop",
      usage: { inputTokens: 370, outputTokens: 4, cachedInputTokens: 300, cacheWriteInputTokens: 50 },
      servedModel: FAST,
      responseId: "msg_testkit_1",
    });
    expect(server.requests[0]?.body).toMatchObject({ stream: true, max_tokens: 80 });
  });

  it("streams a forced tool's input as the JSON text, and router.stream parses it", async () => {
    server.script(FAST, [anthropicReply.toolUse({ label: "msa" }, { stream: { chunkSize: 5 } })]);
    const stream = router.stream("summary", { messages, schema: z.object({ label: z.string() }) });
    const seen: string[] = [];
    for await (const delta of stream) seen.push(delta);
    expect(seen.join("")).toBe('{"label":"msa"}');
    expect(seen.length).toBeGreaterThan(1);
    const result = await stream.result;
    expect(result).toMatchObject({ outcome: "ok", output: { label: "msa" }, modelServed: FAST });
  });

  it("unwraps a non-object schema's answer at the end of the tool call", async () => {
    server.script(FAST, [anthropicReply.toolUse({ output: ["Acme", "Globex"] }, { stream: { chunkSize: 3 } })]);
    const format = { name: "parties", schema: { type: "array", items: { type: "string" } } };
    const { parts } = await readParts(anthropicAdapter(client).stream(call({ responseFormat: format })));
    expect(deltas(parts)).toEqual(['["Acme","Globex"]']);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
  });

  it("settles the result and closes the connection when the caller breaks after two deltas", async () => {
    server.script(FAST, [anthropicReply.text("y".repeat(300), { stream: { chunkSize: 10, chunkDelayMs: 15 } })]);
    const stream = router.stream("summary", { messages });
    let read = 0;
    for await (const _delta of stream) {
      read += 1;
      if (read === 2) break;
    }
    await waitUntil(() => (server.requests[0]?.closedByClient ? true : undefined));
    expect(server.requests[0]?.closedByClient).toBe(true);
    // 30 deltas plus six framing events would be 36.
    expect(server.requests[0]!.eventsSent).toBeLessThan(36);
    const error = await stream.result.catch((caught: unknown) => caught);
    expect(DeadlineExceededError.isInstance(error)).toBe(true);
    expect((error as DeadlineExceededError).record).toMatchObject({ outcome: "failed", errorClass: "aborted" });
    expect(server.requests).toHaveLength(1);
  });

  it("maps a mid-stream overloaded_error event to server_error after the deltas before it", async () => {
    server.script(FAST, [anthropicReply.text("abcdefghijkl", { stream: { chunkSize: 4, errorAfterChunks: 5 } })]);
    const { parts, error } = await readParts(anthropicAdapter(client).stream(call()));
    expect(deltas(parts)).toEqual(["abcd", "efgh"]);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true });
    expect((error as Error).message).toMatch(/overloaded_error/);
  });

  it("fails a routed stream with the mid-stream error, without falling back after the first chunk", async () => {
    server.script(FAST, [anthropicReply.text("abcdefghijkl", { stream: { chunkSize: 4, errorAfterChunks: 5 } })]);
    const stream = router.stream("summary", { messages });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) seen.push(delta);
    })().catch((caught: unknown) => caught);
    expect(seen.join("")).toBe("abcdefgh");
    expect(RoutedCallError.isInstance(error)).toBe(true);
    expect((error as RoutedCallError).record).toMatchObject({ errorClass: "server_error", fallback: { used: false } });
    expect(server.requests).toHaveLength(1);
  });

  it("maps a dropped connection to connection", async () => {
    server.script(FAST, [anthropicReply.text("abcdefghijkl", { stream: { chunkSize: 4, resetAfterChunks: 4 } })]);
    const { parts, error } = await readParts(anthropicAdapter(client).stream(call()));
    expect(deltas(parts)).toEqual(["abcd"]);
    expect(error).toMatchObject({ errorClass: "connection" });
  });

  it("refuses a max_tokens stop as output_limit, with its usage, after its deltas", async () => {
    server.script(FAST, [
      anthropicReply.text("cut", { stopReason: "max_tokens", usage: { inputTokens: 9, outputTokens: 80 } }),
    ]);
    const { parts, error } = await readParts(anthropicAdapter(client).stream(call()));
    expect(deltas(parts)).toEqual(["cut"]);
    expect(error).toMatchObject({ errorClass: "output_limit", usage: { inputTokens: 9, outputTokens: 80 } });
  });

  it("retries a 529 before the first chunk and falls back to the next tier", async () => {
    server.script(FAST, [anthropicReply.overloaded(), anthropicReply.overloaded()]);
    server.script(STANDARD, [anthropicReply.text("Monthly.", { usage: { inputTokens: 12, outputTokens: 3 } })]);
    const stream = router.stream("summary", { messages });
    const seen: string[] = [];
    for await (const delta of stream) seen.push(delta);
    const result = await stream.result;
    expect(seen.join("")).toBe("Monthly.");
    expect(result).toMatchObject({
      outcome: "fallback_ok",
      modelServed: STANDARD,
      fallback: { used: true, reason: "server_error" },
      usage: { inputTokens: 12, outputTokens: 3 },
    });
    expect(server.requests.map((request) => request.model)).toEqual([FAST, FAST, STANDARD]);
  });
});
