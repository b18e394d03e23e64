import type { AdapterCall, ResponseFormat } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { chatCompletionRequest, schemaInstruction } from "./chat-completion-request.js";

const format: ResponseFormat = {
  name: "contract label",
  schema: { type: "object", properties: { label: { type: "string" } }, required: ["label"] },
};

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: "m",
    messages: [
      { role: "system", content: "Classify." },
      { role: "user", content: "NDA ..." },
    ],
    maxOutputTokens: 100,
    responseFormat: format,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe("chatCompletionRequest", () => {
  it("replays a tool-calling turn without text with the content its server takes", () => {
    const messages: AdapterCall["messages"] = [
      { role: "user", content: "Look it up." },
      { role: "assistant", toolCalls: [{ id: "c1", name: "lookup", arguments: "{}" }] },
      { role: "tool", toolCallId: "c1", content: "found" },
    ];
    const openai = chatCompletionRequest(call({ messages }), "max_completion_tokens", "json_schema");
    expect(openai.messages[1]).toMatchObject({ role: "assistant", content: null });
    const compatible = chatCompletionRequest(call({ messages }), "max_tokens", "prompt", "");
    expect(compatible.messages[2]).toMatchObject({ role: "assistant", content: "" });
  });

  it("json_schema: OpenAI's structured outputs, strict from the request", () => {
    const body = chatCompletionRequest(call(), "max_completion_tokens", "json_schema");
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "contract_label", schema: format.schema, strict: false },
    });
    expect(body.max_completion_tokens).toBe(100);
    expect(body.max_tokens).toBeUndefined();
    const strict = chatCompletionRequest(
      call({ responseFormat: { ...format, strict: true } }),
      "max_tokens",
      "json_schema",
    );
    expect(strict.response_format).toMatchObject({ json_schema: { strict: true } });
  });

  it("json_object_schema: the schema beside json_object, prompt untouched", () => {
    const body = chatCompletionRequest(call(), "max_tokens", "json_object_schema");
    expect(body.response_format).toEqual({ type: "json_object", schema: format.schema });
    expect(body.messages).toEqual(call().messages);
    expect(body.max_tokens).toBe(100);
  });

  it("json_object and prompt: the schema appended to the first system message", () => {
    const jsonObject = chatCompletionRequest(call(), "max_tokens", "json_object");
    expect(jsonObject.response_format).toEqual({ type: "json_object" });
    expect(jsonObject.messages[0]).toEqual({ role: "system", content: `Classify.\n\n${schemaInstruction(format)}` });
    const prompt = chatCompletionRequest(call(), "max_tokens", "prompt");
    expect(prompt.response_format).toBeUndefined();
    expect(prompt.messages).toEqual(jsonObject.messages);
    expect(schemaInstruction(format)).toContain(JSON.stringify(format.schema));
  });

  it("adds a system message for the schema when the call has none, and never edits the call", () => {
    const messages = [{ role: "user" as const, content: "NDA ..." }];
    const body = chatCompletionRequest(call({ messages }), "max_tokens", "prompt");
    expect(body.messages).toEqual([{ role: "system", content: schemaInstruction(format) }, messages[0]]);
    expect(messages).toEqual([{ role: "user", content: "NDA ..." }]);
  });

  it("sends no response_format and no schema for a call without one", () => {
    const body = chatCompletionRequest(call({ responseFormat: undefined, temperature: 0 }), "max_tokens", undefined);
    expect(body).toEqual({ model: "m", messages: call().messages, max_tokens: 100, temperature: 0 });
  });
});
