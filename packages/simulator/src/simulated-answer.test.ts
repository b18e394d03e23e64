import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { ResponderFailure, simulatedAnswer } from "./simulated-answer.js";
import { anthropicRequestOf, openAIRequestOf } from "./simulated-request.js";
import { ToolCallAnswer, toolCallAnswer } from "./tool-call-answer.js";

const messages = [{ role: "user", content: "Look up orders A-17 and B-2." }];
const tools = [{ type: "function", function: { name: "lookup_order", parameters: { type: "object" } } }];

describe("simulatedAnswer with a ToolCallAnswer", () => {
  it("sends the calls with their arguments as JSON text and counts them as output, the tools as input", async () => {
    const request = openAIRequestOf({ model: "m", messages, tools });
    const answer = await simulatedAnswer(request, () =>
      toolCallAnswer([
        { name: "lookup_order", arguments: { orderNumber: "A-17" } },
        { name: "lookup_order", arguments: '{"orderNumber": B-2}' },
      ]),
    );
    expect(answer.toolCalls).toEqual([
      { name: "lookup_order", arguments: '{"orderNumber":"A-17"}' },
      { name: "lookup_order", arguments: '{"orderNumber": B-2}' },
    ]);
    expect(answer.text).toBe("");
    expect(answer).toMatchObject({ truncated: false, generic: false });
    expect(answer.completionTokens).toBe(
      encode('lookup_order{"orderNumber":"A-17"}').length + encode('lookup_order{"orderNumber": B-2}').length,
    );
    const withoutTools = await simulatedAnswer(openAIRequestOf({ model: "m", messages }), () => "ok");
    expect(answer.promptTokens - withoutTools.promptTokens).toBe(encode(JSON.stringify(request.tools[0])).length);
  });

  it("keeps the calls that fit the output limit whole and drops the rest, reported as truncated", async () => {
    const first = { name: "lookup_order", arguments: { orderNumber: "A-17" } };
    const cost = encode(`lookup_order${JSON.stringify(first.arguments)}`).length;
    const request = openAIRequestOf({ model: "m", messages, tools, max_tokens: cost + 2 });
    const answer = await simulatedAnswer(request, () => toolCallAnswer([first, first]));
    expect(answer.toolCalls).toHaveLength(1);
    expect(answer).toMatchObject({ truncated: true, completionTokens: cost });
  });

  it("refuses, as a responder failure, tool input the Messages API cannot carry (not a JSON object)", async () => {
    const request = anthropicRequestOf({ model: "claude-sonnet-4-6", max_tokens: 100, messages });
    const failed = simulatedAnswer(request, () => toolCallAnswer([{ name: "lookup_order", arguments: "[1, 2]" }]));
    await expect(failed).rejects.toBeInstanceOf(ResponderFailure);
    await expect(failed).rejects.toThrow(/JSON object/);
    const unnamed = simulatedAnswer(request, () => toolCallAnswer([{ name: "", arguments: {} }]));
    await expect(unnamed).rejects.toThrow(/non-empty name/);
  });

  it("treats a plain object with a toolCalls field as a JSON answer, not as tool calls", async () => {
    const answer = await simulatedAnswer(openAIRequestOf({ model: "m", messages }), () => ({
      toolCalls: [{ name: "lookup_order", arguments: {} }],
    }));
    expect(answer.toolCalls).toBeUndefined();
    expect(JSON.parse(answer.text)).toEqual({ toolCalls: [{ name: "lookup_order", arguments: {} }] });
  });
});

describe("ToolCallAnswer.isInstance", () => {
  it("recognises the marker of another copy of the simulator, and nothing else", () => {
    const foreign = { [Symbol.for("@modelpolicy/simulator.ToolCallAnswer")]: true, calls: [], text: "" };
    expect(ToolCallAnswer.isInstance(foreign)).toBe(true);
    expect(ToolCallAnswer.isInstance(toolCallAnswer([]))).toBe(true);
    expect(ToolCallAnswer.isInstance({ calls: [] })).toBe(false);
    expect(ToolCallAnswer.isInstance(null)).toBe(false);
  });
});
