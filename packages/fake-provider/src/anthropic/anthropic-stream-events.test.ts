import { describe, expect, it } from "vitest";
import { anthropicMessageBody } from "./anthropic-message-body.js";
import { anthropicStreamEvents, formatServerSentEvent } from "./anthropic-stream-events.js";

describe("anthropicStreamEvents", () => {
  it("streams a message that accumulates back to the same text, tool input, stop reason and usage", () => {
    const message = anthropicMessageBody(
      {
        content: [
          { type: "text", text: "Checking the clause. 🙂" },
          { type: "tool_use", input: { risk_level: "high", reasons: ["cap removed"] } },
        ],
        usage: { inputTokens: 120, outputTokens: 30 },
      },
      {
        model: "claude-sonnet-4-5",
        tools: [{ name: "risk_output" }],
        tool_choice: { type: "tool", name: "risk_output" },
      },
      7,
      "simulated",
    );
    expect(message.id).toBe("msg_simulated_7");
    const events = anthropicStreamEvents(message, 5);
    expect(events.map((event) => event.type).slice(0, 3)).toEqual(["message_start", "ping", "content_block_start"]);
    let text = "";
    let json = "";
    for (const event of events) {
      const delta = event.delta as { type?: string; text?: string; partial_json?: string } | undefined;
      if (delta?.type === "text_delta") text += delta.text;
      if (delta?.type === "input_json_delta") json += delta.partial_json;
    }
    expect(text).toBe("Checking the clause. 🙂");
    expect(JSON.parse(json)).toEqual({ risk_level: "high", reasons: ["cap removed"] });
    const end = events.find((event) => event.type === "message_delta")!;
    expect(end).toMatchObject({ delta: { stop_reason: "tool_use" }, usage: { input_tokens: 120, output_tokens: 30 } });
    expect(formatServerSentEvent({ type: "ping" })).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });

  it("streams a scripted tool call with its own id, named, after the text", () => {
    const message = anthropicMessageBody(
      {
        content: [
          { type: "text", text: "Let me look." },
          { type: "tool_use", id: "toolu_weather_1", name: "get_weather", input: { city: "Oslo" } },
        ],
      },
      { model: "claude-haiku-4-5", tools: [{ name: "get_weather" }] },
      2,
    );
    expect(message.content[1]).toEqual({
      type: "tool_use",
      id: "toolu_weather_1",
      name: "get_weather",
      input: { city: "Oslo" },
    });
    const events = anthropicStreamEvents(message, 4);
    expect(events.find((event) => event.type === "content_block_start" && event.index === 1)).toEqual({
      type: "content_block_start",
      index: 1,
      content_block: { type: "tool_use", id: "toolu_weather_1", name: "get_weather", input: {} },
    });
    const json = events
      .filter((event) => event.index === 1 && event.type === "content_block_delta")
      .map((event) => (event.delta as { partial_json: string }).partial_json);
    expect(json.length).toBeGreaterThan(1);
    expect(JSON.parse(json.join(""))).toEqual({ city: "Oslo" });
  });
});
