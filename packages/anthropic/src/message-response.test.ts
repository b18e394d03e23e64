import type { AdapterCall, ResponseFormat } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { messageResponse } from "./message-response.js";

const format: ResponseFormat = { name: "forecast", schema: { type: "object", properties: {} } };

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: "claude-haiku-4-5",
    messages: [{ role: "user", content: "Weather in Oslo?" }],
    maxOutputTokens: 200,
    signal: new AbortController().signal,
    ...overrides,
  };
}

function message(content: unknown[], stopReason = "tool_use") {
  return {
    id: "msg_1",
    model: "claude-haiku-4-5",
    content,
    stop_reason: stopReason,
    usage: { input_tokens: 10, output_tokens: 5 },
  };
}

const oslo = { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Oslo" } };

describe("messageResponse: tool calls", () => {
  it("returns tool_use blocks as tool calls with their input as JSON text, beside the text", () => {
    const response = messageResponse(
      message([
        { type: "text", text: "Checking both." },
        oslo,
        { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "Bergen" } },
        { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Bergen", unit: "c" } },
      ]),
      call(),
    );
    expect(response).toMatchObject({
      text: "Checking both.",
      finishReason: "tool_calls",
      toolCalls: [
        { id: "toolu_1", name: "get_weather", arguments: '{"city":"Oslo"}' },
        { id: "toolu_2", name: "get_weather", arguments: '{"city":"Bergen","unit":"c"}' },
      ],
    });
  });

  it("keeps the output tool's call as the structured answer, not a tool call", () => {
    const answer = { type: "tool_use", id: "toolu_9", name: "forecast", input: { summary: "cold" } };
    const structured = messageResponse(message([answer]), call({ responseFormat: format }));
    expect(structured).toMatchObject({ text: '{"summary":"cold"}', finishReason: "stop" });
    expect(structured.toolCalls).toBeUndefined();
    // A turn that calls a tool of the caller's instead is a tool call, whatever the format.
    const called = messageResponse(message([oslo]), call({ responseFormat: format }));
    expect(called).toMatchObject({
      text: "",
      finishReason: "tool_calls",
      toolCalls: [{ id: "toolu_1", name: "get_weather", arguments: '{"city":"Oslo"}' }],
    });
  });

  it("sends no toolCalls for a plain text answer", () => {
    const response = messageResponse(message([{ type: "text", text: "4 °C" }], "end_turn"), call());
    expect(response).toMatchObject({ text: "4 °C", finishReason: "stop" });
    expect(response).not.toHaveProperty("toolCalls");
  });
});
