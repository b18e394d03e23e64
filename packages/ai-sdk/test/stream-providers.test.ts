import { createAnthropic } from "@ai-sdk/anthropic";
import {
  type AdapterCall,
  createRouter,
  DeadlineExceededError,
  defineTable,
  ProviderError,
  RoutedCallError,
  type StreamPart,
} from "@modelpolicy/core";
import { anthropicReply, FakeAnthropicServer, FakeOpenAIServer, reply, waitUntil } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { aiSdkAdapter } from "../src/ai-sdk-adapter.js";
import type { AiSdkProviderLike } from "../src/ai-sdk-provider-like.js";
import { OPENAI_MAJORS } from "./providers.js";

const FAST = "gpt-4.1-nano";
const STANDARD = "gpt-4.1-mini";
const CLAUDE = "claude-haiku-4-5";
const openaiServer = new FakeOpenAIServer();
const anthropicServer = new FakeAnthropicServer();

beforeAll(async () => {
  await Promise.all([openaiServer.start(), anthropicServer.start()]);
});
afterAll(() => Promise.all([openaiServer.close(), anthropicServer.close()]));
beforeEach(() => {
  openaiServer.reset();
  anthropicServer.reset();
});

function makeRouter(provider: AiSdkProviderLike, name: string, fast: string, standard: string) {
  const table = defineTable({
    version: "t1",
    tiers: { fast: { provider: name, model: fast }, standard: { provider: name, model: standard } },
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
  return createRouter(table, { adapters: [aiSdkAdapter(provider, { provider: name })], onDiagnostic: () => {} });
}

const messages = [{ role: "user" as const, content: "Summarise: the supplier delivers monthly." }];

function call(model: string, overrides: Partial<AdapterCall> = {}): AdapterCall {
  return { model, messages, maxOutputTokens: 80, signal: new AbortController().signal, ...overrides };
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

describe.each(OPENAI_MAJORS)("aiSdkAdapter.stream over %s chat models", (_major, makeChat, specification) => {
  let provider: AiSdkProviderLike;
  let router: ReturnType<typeof makeRouter>;
  beforeAll(() => {
    provider = makeChat({ baseURL: openaiServer.baseURL, apiKey: "sk-test" });
    router = makeRouter(provider, "openai", FAST, STANDARD);
  });

  it(`streams a spec ${specification} model's deltas and finishes with its usage`, async () => {
    openaiServer.script(FAST, [
      reply.ok("Monthly deliveries.", {
        usage: { promptTokens: 25, completionTokens: 4, cachedTokens: 16 },
        model: "gpt-4.1-nano-2025-04-14",
        stream: { chunkSize: 4 },
      }),
    ]);
    const { parts, error } = await readParts(aiSdkAdapter(provider).stream(call(FAST)));
    expect(error).toBeUndefined();
    expect(deltas(parts).join("")).toBe("Monthly deliveries.");
    expect(deltas(parts).length).toBeGreaterThan(1);
    expect(parts.find((part) => part.type === "response-metadata")).toMatchObject({
      servedModel: "gpt-4.1-nano-2025-04-14",
    });
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: "stop",
      usage: { inputTokens: 25, outputTokens: 4, cachedInputTokens: 16 },
      servedModel: "gpt-4.1-nano-2025-04-14",
    });
    expect(openaiServer.requests[0]?.body).toMatchObject({ stream: true, model: FAST });
  });

  it("settles the routed result and closes the connection when the caller breaks after two deltas", async () => {
    openaiServer.script(FAST, [reply.ok("y".repeat(300), { stream: { chunkSize: 10, chunkDelayMs: 15 } })]);
    const stream = router.stream("summary", { messages });
    let read = 0;
    for await (const _delta of stream) {
      read += 1;
      if (read === 2) break;
    }
    await waitUntil(() => (openaiServer.requests[0]?.closedByClient ? true : undefined));
    expect(openaiServer.requests[0]?.closedByClient).toBe(true);
    const error = await stream.result.catch((caught: unknown) => caught);
    expect(DeadlineExceededError.isInstance(error)).toBe(true);
    expect((error as DeadlineExceededError).record).toMatchObject({ outcome: "failed", errorClass: "aborted" });
    expect(openaiServer.requests).toHaveLength(1);
  });

  it("throws a mid-stream error event as a ProviderError after the deltas before it", async () => {
    openaiServer.script(FAST, [reply.ok("abcdefghijkl", { stream: { chunkSize: 4, errorAfterChunks: 3 } })]);
    const { parts, error } = await readParts(aiSdkAdapter(provider).stream(call(FAST)));
    expect(deltas(parts).join("")).toBe("abcdefgh");
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ errorClass: "server_error" });
  });

  it("retries a 503 before the first chunk and falls back to the next tier", async () => {
    openaiServer.script(FAST, [reply.serverError(503), reply.serverError(503)]);
    openaiServer.script(STANDARD, [reply.ok('{"label":"msa"}', { usage: { promptTokens: 30, completionTokens: 6 } })]);
    const stream = router.stream("summary", { messages, schema: z.object({ label: z.string() }) });
    const seen: string[] = [];
    for await (const delta of stream) seen.push(delta);
    const result = await stream.result;
    expect(seen.join("")).toBe('{"label":"msa"}');
    expect(result).toMatchObject({
      outcome: "fallback_ok",
      output: { label: "msa" },
      modelServed: STANDARD,
      fallback: { used: true, reason: "server_error" },
    });
    expect(openaiServer.requests.map((request) => request.model)).toEqual([FAST, FAST, STANDARD]);
  });
});

describe("aiSdkAdapter.stream over @ai-sdk/anthropic 4.x (spec v4)", () => {
  const anthropic = () => createAnthropic({ baseURL: `${anthropicServer.baseURL}/v1`, apiKey: "sk-ant-test" });

  it("streams deltas and finishes with the usage, cache reads and writes included", async () => {
    anthropicServer.script(CLAUDE, [
      anthropicReply.text("Monthly deliveries.", {
        usage: { inputTokens: 20, outputTokens: 4, cacheReadInputTokens: 300, cacheCreationInputTokens: 50 },
        stream: { chunkSize: 4 },
      }),
    ]);
    const { parts, error } = await readParts(aiSdkAdapter(anthropic()).stream(call(CLAUDE)));
    expect(error).toBeUndefined();
    expect(deltas(parts)).toEqual(["Mont", "hly ", "deli", "veri", "es."]);
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: "stop",
      usage: { inputTokens: 370, outputTokens: 4, cachedInputTokens: 300, cacheWriteInputTokens: 50 },
      servedModel: CLAUDE,
      responseId: "msg_testkit_1",
    });
  });

  it("maps a mid-stream overloaded_error to a retryable server_error", async () => {
    anthropicServer.script(CLAUDE, [
      anthropicReply.text("abcdefghijkl", { stream: { chunkSize: 4, errorAfterChunks: 5 } }),
    ]);
    const { parts, error } = await readParts(aiSdkAdapter(anthropic()).stream(call(CLAUDE)));
    expect(deltas(parts)).toEqual(["abcd", "efgh"]);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true });
  });

  it("closes the connection when the router stops reading after two deltas", async () => {
    anthropicServer.script(CLAUDE, [
      anthropicReply.text("y".repeat(300), { stream: { chunkSize: 10, chunkDelayMs: 15 } }),
    ]);
    const router = makeRouter(anthropic(), "anthropic", CLAUDE, "claude-sonnet-4-6");
    const stream = router.stream("summary", { messages });
    let read = 0;
    for await (const _delta of stream) {
      read += 1;
      if (read === 2) break;
    }
    await waitUntil(() => (anthropicServer.requests[0]?.closedByClient ? true : undefined));
    expect(anthropicServer.requests[0]?.closedByClient).toBe(true);
    expect(anthropicServer.requests[0]!.eventsSent).toBeLessThan(36);
    await expect(stream.result).rejects.toSatisfy(RoutedCallError.isInstance);
  });

  it("falls back when the first tier answers 529 before the first chunk", async () => {
    anthropicServer.script(CLAUDE, [anthropicReply.overloaded(), anthropicReply.overloaded()]);
    anthropicServer.script("claude-sonnet-4-6", [anthropicReply.text("Monthly.")]);
    const router = makeRouter(anthropic(), "anthropic", CLAUDE, "claude-sonnet-4-6");
    const stream = router.stream("summary", { messages });
    const seen: string[] = [];
    for await (const delta of stream) seen.push(delta);
    expect(seen.join("")).toBe("Monthly.");
    expect(await stream.result).toMatchObject({ outcome: "fallback_ok", modelServed: "claude-sonnet-4-6" });
    expect(anthropicServer.requests.map((request) => request.model)).toEqual([CLAUDE, CLAUDE, "claude-sonnet-4-6"]);
  });
});
