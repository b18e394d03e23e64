import { describe, expect, it } from "vitest";
import { anthropicRequestOf, openAIRequestOf } from "./simulated-request.js";

const lookup = {
  name: "lookup_order",
  description: "Finds an order by number.",
  schema: { type: "object", properties: { orderNumber: { type: "string" } }, required: ["orderNumber"] },
};

describe("openAIRequestOf", () => {
  it("reads offered tools, the tool choice, an assistant turn's tool_calls and tool results", () => {
    const request = openAIRequestOf({
      model: "gpt-4.1-mini",
      tools: [
        {
          type: "function",
          function: { name: lookup.name, description: lookup.description, parameters: lookup.schema },
        },
      ],
      tool_choice: "required",
      messages: [
        { role: "user", content: "Where is order A-17?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: lookup.name, arguments: '{"orderNumber":"A-17"}' } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: '{"status":"shipped"}' },
      ],
    });
    expect(request.tools).toEqual([{ name: lookup.name, description: lookup.description, parameters: lookup.schema }]);
    expect(request.toolChoice).toBe("required");
    expect(request.messages).toEqual([
      { role: "user", content: "Where is order A-17?" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "call_1", name: lookup.name, arguments: '{"orderNumber":"A-17"}' }],
      },
      { role: "tool", content: '{"status":"shipped"}', toolCallId: "call_1" },
    ]);
  });

  it("reads a named tool choice as { name } and leaves tools empty when none are offered", () => {
    expect(openAIRequestOf({ tool_choice: { type: "function", function: { name: "x" } } }).toolChoice).toEqual({
      name: "x",
    });
    const plain = openAIRequestOf({ model: "m", messages: [{ role: "user", content: "hi" }] });
    expect(plain.tools).toEqual([]);
    expect(plain.toolChoice).toBeUndefined();
    expect(plain.messages).toEqual([{ role: "user", content: "hi" }]);
    expect(plain.messages[0]).not.toHaveProperty("toolCalls");
  });
});

describe("anthropicRequestOf", () => {
  it("reads tool_use blocks as the assistant's toolCalls and each tool_result block as a tool message", () => {
    const request = anthropicRequestOf({
      model: "claude-sonnet-4-6",
      system: "Answer about orders.",
      tools: [{ name: lookup.name, description: lookup.description, input_schema: lookup.schema }],
      tool_choice: { type: "any" },
      messages: [
        { role: "user", content: "Where are orders A-17 and B-2?" },
        {
          role: "assistant",
          content: [
            { type: "text", text: "Looking them up." },
            { type: "tool_use", id: "toolu_1", name: lookup.name, input: { orderNumber: "A-17" } },
            { type: "tool_use", id: "toolu_2", name: lookup.name, input: { orderNumber: "B-2" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: '{"status":"shipped"}' },
            { type: "tool_result", tool_use_id: "toolu_2", content: [{ type: "text", text: '{"status":"held"}' }] },
            { type: "text", text: "And when will they arrive?" },
          ],
        },
      ],
    });
    expect(request.tools).toEqual([{ name: lookup.name, description: lookup.description, parameters: lookup.schema }]);
    expect(request.toolChoice).toBe("required");
    expect(request.responseFormat).toBeUndefined();
    expect(request.messages).toEqual([
      { role: "system", content: "Answer about orders." },
      { role: "user", content: "Where are orders A-17 and B-2?" },
      {
        role: "assistant",
        content: "Looking them up.",
        toolCalls: [
          { id: "toolu_1", name: lookup.name, arguments: '{"orderNumber":"A-17"}' },
          { id: "toolu_2", name: lookup.name, arguments: '{"orderNumber":"B-2"}' },
        ],
      },
      { role: "tool", content: '{"status":"shipped"}', toolCallId: "toolu_1" },
      { role: "tool", content: '{"status":"held"}', toolCallId: "toolu_2" },
      { role: "user", content: "And when will they arrive?" },
    ]);
  });

  it("reads a forced tool as the response format and as a forced tool the model is offered", () => {
    const request = anthropicRequestOf({
      model: "claude-sonnet-4-6",
      tools: [
        { name: lookup.name, input_schema: lookup.schema },
        { name: "risk_output", input_schema: { type: "object" } },
      ],
      tool_choice: { type: "tool", name: "risk_output" },
      messages: [{ role: "user", content: "Judge it." }],
    });
    expect(request.responseFormat).toEqual({ name: "risk_output", schema: { type: "object" } });
    expect(request.tools.map((tool) => tool.name)).toEqual([lookup.name, "risk_output"]);
    expect(request.toolChoice).toEqual({ name: "risk_output" });
  });

  it("maps Anthropic's auto and none tool choices, and a turn of tool results only gives no empty user message", () => {
    expect(anthropicRequestOf({ tool_choice: { type: "auto" } }).toolChoice).toBe("auto");
    expect(anthropicRequestOf({ tool_choice: { type: "none" } }).toolChoice).toBe("none");
    const request = anthropicRequestOf({
      messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_9", content: "42" }] }],
    });
    expect(request.messages).toEqual([{ role: "tool", content: "42", toolCallId: "toolu_9" }]);
  });
});
