import { type AdapterCall, ProviderError } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { adapterResponse } from "./adapter-response.js";
import type { AiSdkGenerateResult } from "./ai-sdk-provider-like.js";

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: "m",
    messages: [{ role: "user", content: "hi" }],
    maxOutputTokens: 10,
    signal: new AbortController().signal,
    ...overrides,
  };
}

const nestedUsage = {
  inputTokens: { total: 50, noCache: 50, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

function thrown(run: () => unknown): ProviderError {
  try {
    run();
  } catch (error) {
    if (ProviderError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ProviderError");
}

describe("adapterResponse", () => {
  it("returns spec v3/v4 tool-call parts as toolCalls with their JSON text, beside the text, skipping provider-run tools", () => {
    const result: AiSdkGenerateResult = {
      content: [
        { type: "text", text: "Let me check." },
        { type: "tool-call", toolCallId: "toolu_1", toolName: "lookup_order", input: '{"orderNumber":"A1"}' },
        { type: "tool-call", toolCallId: "srvtoolu_1", toolName: "web_search", input: "{}", providerExecuted: true },
        { type: "tool-result", toolCallId: "srvtoolu_1", toolName: "web_search" },
        { type: "tool-call", toolCallId: "toolu_2", toolName: "list_orders", input: "{}" },
      ],
      finishReason: { unified: "tool-calls", raw: "tool_use" },
      usage: nestedUsage,
    };
    expect(adapterResponse(result, call(), "claude-haiku-4-5")).toEqual({
      text: "Let me check.",
      toolCalls: [
        { id: "toolu_1", name: "lookup_order", arguments: '{"orderNumber":"A1"}' },
        { id: "toolu_2", name: "list_orders", arguments: "{}" },
      ],
      usage: { inputTokens: 50, outputTokens: 20 },
      finishReason: "tool_calls",
      servedModel: "claude-haiku-4-5",
    });
  });

  it("reads a spec v2 result the same way (input is JSON text there too), and says tool_calls whatever the reason", () => {
    const result: AiSdkGenerateResult = {
      content: [{ type: "tool-call", toolCallId: "call_1", toolName: "lookup_order", input: '{"orderNumber":"A2"}' }],
      finishReason: "stop",
      usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 },
    };
    expect(adapterResponse(result, call(), "gpt-4o-mini")).toEqual({
      text: "",
      toolCalls: [{ id: "call_1", name: "lookup_order", arguments: '{"orderNumber":"A2"}' }],
      usage: { inputTokens: 12, outputTokens: 7 },
      finishReason: "tool_calls",
      servedModel: "gpt-4o-mini",
    });
  });

  it("has no toolCalls when only the provider ran tools", () => {
    const result: AiSdkGenerateResult = {
      content: [
        { type: "tool-call", toolCallId: "ws_1", toolName: "web_search", input: "{}", providerExecuted: true },
        { type: "text", text: "Found it." },
      ],
      finishReason: { unified: "stop", raw: "end_turn" },
      usage: nestedUsage,
    };
    const response = adapterResponse(result, call(), "m");
    expect(response).not.toHaveProperty("toolCalls");
    expect(response).toMatchObject({ text: "Found it.", finishReason: "stop" });
  });

  it("keeps the cut text on an output_limit stop, for a policy's partial step", () => {
    const result: AiSdkGenerateResult = {
      content: [
        { type: "text", text: '{"parties":["Acme",' },
        { type: "text", text: '"Glob' },
      ],
      finishReason: { unified: "length", raw: "max_tokens" },
      usage: nestedUsage,
    };
    const error = thrown(() => adapterResponse(result, call(), "m"));
    expect(error).toMatchObject({
      errorClass: "output_limit",
      retryable: false,
      text: '{"parties":["Acme","Glob',
      usage: { inputTokens: 50, outputTokens: 20 },
    });
  });

  it("keeps spec v4's structuredOutputText as the cut text when a schema was asked for", () => {
    const result: AiSdkGenerateResult = {
      content: [{ type: "text", text: "ignored" }],
      structuredOutputText: '{"label":"n',
      finishReason: { unified: "length", raw: "max_tokens" },
      usage: nestedUsage,
    };
    const responseFormat = { name: "label", schema: { type: "object" } };
    expect(thrown(() => adapterResponse(result, call({ responseFormat }), "m")).text).toBe('{"label":"n');
  });

  it("carries no text on the other refusals", () => {
    const result: AiSdkGenerateResult = {
      content: [{ type: "text", text: "partial" }],
      finishReason: { unified: "content-filter", raw: "refusal" },
      usage: nestedUsage,
    };
    expect(thrown(() => adapterResponse(result, call(), "m"))).toMatchObject({
      errorClass: "content_filter",
      text: undefined,
    });
  });
});
