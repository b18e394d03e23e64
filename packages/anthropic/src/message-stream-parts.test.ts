import type { AdapterCall, ResponseFormat, StreamPart } from "@modelpolicy/core";
import { anthropicMessageBody, anthropicStreamEvents, type FakeContentBlock } from "@modelpolicy/testkit";
import { describe, expect, it } from "vitest";
import { messageStreamParts } from "./message-stream-parts.js";

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

/** The events the API streams for `content`, in pieces of three characters. */
async function* events(content: FakeContentBlock[]): AsyncGenerator<unknown> {
  const body = anthropicMessageBody({ content, usage: { inputTokens: 10, outputTokens: 5 } }, undefined, 1);
  yield* anthropicStreamEvents(body, 3);
}

async function collect(parts: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const collected: StreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

describe("messageStreamParts: tool calls", () => {
  it("streams the text and puts the calls, their input_json_delta pieces joined, on the finish part", async () => {
    const parts = await collect(
      messageStreamParts(
        events([
          { type: "text", text: "Checking both." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Oslo" } },
          { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Bergen", unit: "c" } },
          { type: "tool_use", id: "toolu_3", name: "ping", input: {} },
        ]),
        call(),
      ),
    );
    const text = parts.map((part) => (part.type === "text-delta" ? part.text : "")).join("");
    expect(text).toBe("Checking both.");
    expect(parts.filter((part) => part.type === "text-delta").length).toBeGreaterThan(1);
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: "tool_calls",
      toolCalls: [
        { id: "toolu_1", name: "get_weather", arguments: '{"city":"Oslo"}' },
        { id: "toolu_2", name: "get_weather", arguments: '{"city":"Bergen","unit":"c"}' },
        { id: "toolu_3", name: "ping", arguments: "{}" },
      ],
      usage: { inputTokens: 10, outputTokens: 5 },
    });
  });

  it("streams the output tool's input as the answer, and a caller's tool beside it as a call", async () => {
    const answer = await collect(
      messageStreamParts(
        events([{ type: "tool_use", name: "forecast", input: { summary: "cold" } }]),
        call({ responseFormat: format }),
      ),
    );
    expect(answer.map((part) => (part.type === "text-delta" ? part.text : "")).join("")).toBe('{"summary":"cold"}');
    expect(answer.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
    expect(answer.at(-1)).not.toHaveProperty("toolCalls");

    const called = await collect(
      messageStreamParts(
        events([
          { type: "text", text: "Let me check." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Oslo" } },
        ]),
        call({ responseFormat: format }),
      ),
    );
    // Text beside a structured answer is held back; with no answer it is sent whole at the end.
    expect(called.filter((part) => part.type === "text-delta")).toEqual([
      { type: "text-delta", text: "Let me check." },
    ]);
    expect(called.at(-1)).toMatchObject({
      finishReason: "tool_calls",
      toolCalls: [{ id: "toolu_1", name: "get_weather", arguments: '{"city":"Oslo"}' }],
    });
  });

  it("sends no toolCalls on a plain text stream", async () => {
    const parts = await collect(messageStreamParts(events([{ type: "text", text: "4 °C" }]), call()));
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });
    expect(parts.at(-1)).not.toHaveProperty("toolCalls");
  });
});
