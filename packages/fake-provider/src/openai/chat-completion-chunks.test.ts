import { describe, expect, it } from "vitest";
import { chatCompletionBody } from "./chat-completion-body.js";
import { chatCompletionChunks } from "./chat-completion-chunks.js";

describe("chatCompletionChunks", () => {
  const request = { model: "gpt-4.1", messages: [{ role: "user", content: "Weather in Oslo?" }] };

  it("streams each tool call as OpenAI does: named first, then its arguments in pieces under its index", () => {
    const completion = chatCompletionBody(
      {
        json: null,
        toolCalls: [
          { id: "call_a", name: "get_weather", arguments: { city: "Oslo" } },
          { id: "call_b", name: "get_time", arguments: "{}" },
        ],
      },
      request,
      1,
    );
    const chunks = chatCompletionChunks(completion, { chunkSize: 5, includeUsage: true });
    const pieces = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(pieces).toEqual([
      { index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } },
      { index: 0, function: { arguments: '{"cit' } },
      { index: 0, function: { arguments: 'y":"O' } },
      { index: 0, function: { arguments: 'slo"}' } },
      { index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: "" } },
      { index: 1, function: { arguments: "{}" } },
    ]);
    // No content delta for a null content; the finish reason comes after the calls, usage last.
    expect(chunks.some((chunk) => (chunk.choices[0]?.delta.content ?? "") !== "")).toBe(false);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("tool_calls");
    expect(chunks.at(-1)?.usage).toEqual(completion.usage);
  });

  it("sends no tool-call pieces for a completion without calls", () => {
    const chunks = chatCompletionChunks(chatCompletionBody({ json: "hello" }, request, 2), { includeUsage: false });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: "assistant", content: "" },
      { content: "hello" },
      {},
    ]);
  });
});
