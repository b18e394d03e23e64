import { type AdapterCall, ProviderError, type StreamPart } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import type { AiSdkStreamPart } from "./ai-sdk-provider-like.js";
import { aiSdkStreamParts } from "./ai-sdk-stream-parts.js";

function call(signal = new AbortController().signal): AdapterCall {
  return { model: "m", messages: [{ role: "user", content: "hi" }], maxOutputTokens: 10, signal };
}

function streamOf(parts: object[]): { stream: ReadableStream<AiSdkStreamPart>; cancelled: () => boolean } {
  let cancelled = false;
  let index = 0;
  const stream = new ReadableStream<AiSdkStreamPart>({
    pull(controller) {
      if (index < parts.length) controller.enqueue(parts[index++] as AiSdkStreamPart);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

async function read(parts: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error?: unknown }> {
  const seen: StreamPart[] = [];
  try {
    for await (const part of parts) seen.push(part);
  } catch (error) {
    return { parts: seen, error };
  }
  return { parts: seen };
}

describe("aiSdkStreamParts", () => {
  it("reads spec v2 parts: `delta` text, flat usage and a string finish reason", async () => {
    const { stream } = streamOf([
      { type: "stream-start", warnings: [] },
      { type: "response-metadata", id: "r1", modelId: "m-2025" },
      { type: "text-start", id: "0" },
      { type: "text-delta", id: "0", delta: "Hel" },
      { type: "text-delta", id: "0", delta: "lo" },
      { type: "text-end", id: "0" },
      { type: "finish", finishReason: "stop", usage: { inputTokens: 5, outputTokens: 2, cachedInputTokens: 1 } },
    ]);
    const { parts } = await read(aiSdkStreamParts(stream, call(), "m"));
    expect(parts).toEqual([
      { type: "response-metadata", servedModel: "m-2025", responseId: "r1" },
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo" },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 5, outputTokens: 2, cachedInputTokens: 1 },
        servedModel: "m-2025",
        responseId: "r1",
      },
    ]);
  });

  it("reads spec v1's `textDelta` and v3/v4 nested usage with `{ unified, raw }`", async () => {
    const { stream } = streamOf([
      { type: "text-delta", textDelta: "ok" },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "end_turn" },
        usage: { inputTokens: { total: 9, cacheRead: 4 }, outputTokens: { total: 3 } },
      },
    ]);
    const { parts } = await read(aiSdkStreamParts(stream, call(), "m"));
    expect(parts).toEqual([
      { type: "text-delta", text: "ok" },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 9, outputTokens: 3, cachedInputTokens: 4 },
        servedModel: "m",
      },
    ]);
  });

  it("throws an error part's plain body as a retryable server_error and cancels the stream", async () => {
    const { stream, cancelled } = streamOf([
      { type: "text-delta", id: "0", delta: "a" },
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
      { type: "text-delta", id: "0", delta: "never read" },
    ]);
    const { parts, error } = await read(aiSdkStreamParts(stream, call(), "m"));
    expect(parts).toEqual([{ type: "text-delta", text: "a" }]);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true });
    expect((error as Error).message).toMatch(/overloaded_error/);
    expect(cancelled()).toBe(true);
  });

  it("refuses a length finish as output_limit with its usage, and a stream without finish as connection", async () => {
    const length = streamOf([{ type: "finish", finishReason: "length", usage: { inputTokens: 1, outputTokens: 10 } }]);
    expect((await read(aiSdkStreamParts(length.stream, call(), "m"))).error).toMatchObject({
      errorClass: "output_limit",
      usage: { inputTokens: 1, outputTokens: 10 },
    });
    const cut = streamOf([{ type: "text-delta", id: "0", delta: "a" }]);
    expect((await read(aiSdkStreamParts(cut.stream, call(), "m"))).error).toMatchObject({ errorClass: "connection" });
  });

  it("cancels the reader when the consumer stops early", async () => {
    const { stream, cancelled } = streamOf([
      { type: "text-delta", id: "0", delta: "a" },
      { type: "text-delta", id: "0", delta: "b" },
      { type: "text-delta", id: "0", delta: "c" },
    ]);
    for await (const part of aiSdkStreamParts(stream, call(), "m")) if (part.type === "text-delta") break;
    expect(cancelled()).toBe(true);
  });

  it("puts whole tool-call parts on the finish, never as text, skipping tool input pieces and provider-run tools", async () => {
    const { stream } = streamOf([
      { type: "text-delta", id: "0", delta: "Checking." },
      { type: "tool-input-start", id: "call_1", toolName: "get_weather" },
      { type: "tool-input-delta", id: "call_1", delta: '{"city":' },
      { type: "tool-input-delta", id: "call_1", delta: '"Oslo"}' },
      { type: "tool-input-end", id: "call_1" },
      { type: "tool-call", toolCallId: "call_1", toolName: "get_weather", input: '{"city":"Oslo"}' },
      { type: "tool-call", toolCallId: "ws_1", toolName: "web_search", input: "{}", providerExecuted: true },
      { type: "tool-call", toolCallType: "function", toolCallId: "call_2", toolName: "get_time", args: "{}" },
      {
        type: "finish",
        finishReason: { unified: "tool-calls", raw: "tool_use" },
        usage: { inputTokens: { total: 9 }, outputTokens: { total: 12 } },
      },
    ]);
    const { parts, error } = await read(aiSdkStreamParts(stream, call(), "m"));
    expect(error).toBeUndefined();
    expect(parts).toEqual([
      { type: "text-delta", text: "Checking." },
      {
        type: "finish",
        finishReason: "tool_calls",
        usage: { inputTokens: 9, outputTokens: 12 },
        servedModel: "m",
        toolCalls: [
          { id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' },
          { id: "call_2", name: "get_time", arguments: "{}" },
        ],
      },
    ]);
  });

  it("says tool_calls for a finish with calls to run, whatever reason the provider gave", async () => {
    const { stream } = streamOf([
      { type: "tool-call", toolCallId: "call_1", toolName: "get_time", input: "{}" },
      { type: "finish", finishReason: "stop", usage: { inputTokens: 3, outputTokens: 4 } },
    ]);
    const { parts } = await read(aiSdkStreamParts(stream, call(), "m"));
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "tool_calls" });
  });
});
