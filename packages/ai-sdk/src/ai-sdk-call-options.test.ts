import type {
  LanguageModelV2CallOptions,
  LanguageModelV3CallOptions,
  LanguageModelV4CallOptions,
} from "@ai-sdk/provider";
import type { AdapterCall, ToolChoice } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { aiSdkCallOptions } from "./ai-sdk-call-options.js";

const parameters = {
  type: "object",
  properties: { orderNumber: { type: "string" } },
  required: ["orderNumber"],
  additionalProperties: false,
};

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: "m",
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "Where is my order?" },
          { type: "image", data: "iVBORw0KGgo=", mediaType: "image/png" },
        ],
      },
      { role: "assistant", toolCalls: [{ id: "call_1", name: "lookup_order", arguments: '{"orderNumber":"A1"}' }] },
      { role: "tool", toolCallId: "call_1", content: "shipped" },
    ],
    maxOutputTokens: 100,
    tools: [
      { name: "lookup_order", description: "Finds an order by its number", parameters },
      { name: "list_orders", parameters: { type: "object", properties: {} } },
    ],
    signal: new AbortController().signal,
    ...overrides,
  };
}

const expectedTools = [
  { type: "function", name: "lookup_order", description: "Finds an order by its number", inputSchema: parameters },
  { type: "function", name: "list_orders", inputSchema: { type: "object", properties: {} } },
];

const expectedHistory = [
  {
    role: "assistant",
    content: [{ type: "tool-call", toolCallId: "call_1", toolName: "lookup_order", input: { orderNumber: "A1" } }],
  },
  {
    role: "tool",
    content: [
      {
        type: "tool-result",
        toolCallId: "call_1",
        toolName: "lookup_order",
        output: { type: "text", value: "shipped" },
      },
    ],
  },
];

describe("aiSdkCallOptions", () => {
  it("builds spec v4 options: function tools with inputSchema, tagged file data, calls and results", () => {
    // The assignment is the check that the options are what a spec v4 model takes.
    const options: LanguageModelV4CallOptions = aiSdkCallOptions(call(), "anthropic.messages", {}, "v4");
    expect(options.tools).toEqual(expectedTools);
    expect(options).not.toHaveProperty("toolChoice");
    expect(options.prompt).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Where is my order?" },
          { type: "file", mediaType: "image/png", data: { type: "data", data: "iVBORw0KGgo=" } },
        ],
      },
      ...expectedHistory,
    ]);
  });

  it.each([
    ["v2", (request: AdapterCall): LanguageModelV2CallOptions => aiSdkCallOptions(request, "openai.chat", {}, "v2")],
    ["v3", (request: AdapterCall): LanguageModelV3CallOptions => aiSdkCallOptions(request, "openai.chat", {}, "v3")],
  ] as const)("builds spec %s options: the same tools and history, file data untagged", (_version, build) => {
    const options = build(call());
    expect(options.tools).toEqual(expectedTools);
    expect(options.prompt).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Where is my order?" },
          { type: "file", mediaType: "image/png", data: "iVBORw0KGgo=" },
        ],
      },
      ...expectedHistory,
    ]);
  });

  it.each([
    ["auto", { type: "auto" }],
    ["none", { type: "none" }],
    ["required", { type: "required" }],
    [{ name: "lookup_order" }, { type: "tool", toolName: "lookup_order" }],
  ] as [ToolChoice, object][])("maps tool choice %j to %j", (choice, expected) => {
    expect(aiSdkCallOptions(call({ toolChoice: choice }), "openai.chat", {}, "v4").toolChoice).toEqual(expected);
    expect(aiSdkCallOptions(call({ toolChoice: choice }), "openai.chat", {}, "v2").toolChoice).toEqual(expected);
  });

  it("sends no tools for a call without any, and names the adapter's provider in a refusal", () => {
    const plain = call({ tools: undefined, messages: [{ role: "user", content: "hi" }] });
    expect(aiSdkCallOptions(plain, "openai.chat", {}, "v4")).not.toHaveProperty("tools");
    const orphan = call({ messages: [{ role: "tool", toolCallId: "x", content: "?" }] });
    expect(() => aiSdkCallOptions(orphan, "openai.chat", { provider: "openai-eu" }, "v4")).toThrow(
      expect.objectContaining({ name: "RequestShapeError", provider: "openai-eu", part: "tools" }),
    );
    expect(() => aiSdkCallOptions(orphan, "google.generative-ai", {}, "v3")).toThrow(
      expect.objectContaining({ provider: "gcp.gemini" }),
    );
  });
});
