import { type AdapterCall, RequestShapeError, type ResponseFormat, type ToolDefinition } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { messagesRequestBody } from "./messages-request-body.js";

const OPTIONS = { sendTemperature: true, provider: "anthropic" };
const weather: ToolDefinition = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  },
};
const WEATHER_TOOL = {
  name: "get_weather",
  description: "Current weather for a city",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const format: ResponseFormat = {
  name: "forecast",
  schema: { type: "object", properties: { summary: { type: "string" } } },
};

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: "claude-haiku-4-5",
    messages: [{ role: "user", content: "Weather in Oslo?" }],
    maxOutputTokens: 200,
    signal: new AbortController().signal,
    ...overrides,
  };
}

function refusal(make: () => unknown): RequestShapeError {
  try {
    make();
  } catch (error) {
    if (RequestShapeError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a RequestShapeError");
}

describe("messagesRequestBody: tools", () => {
  it("sends tools with their input_schema ($schema dropped), and no tool_choice unless asked", () => {
    const body = messagesRequestBody(call({ tools: [weather] }), OPTIONS);
    expect(body.tools).toEqual([WEATHER_TOOL]);
    expect(body).not.toHaveProperty("tool_choice");
  });

  it.each([
    ["auto", { type: "auto" }],
    ["none", { type: "none" }],
    ["required", { type: "any" }],
    [{ name: "get_weather" }, { type: "tool", name: "get_weather" }],
  ] as const)("maps tool choice %j to %j", (choice, expected) => {
    expect(messagesRequestBody(call({ tools: [weather], toolChoice: choice }), OPTIONS).tool_choice).toEqual(expected);
  });

  it("sends a tool without arguments ({}) as an object schema, and refuses a non-object one", () => {
    const ping = { name: "ping", parameters: {} };
    expect(messagesRequestBody(call({ tools: [ping] }), OPTIONS).tools).toEqual([
      { name: "ping", input_schema: { type: "object" } },
    ]);
    const list = { name: "list", parameters: { type: "array", items: { type: "string" } } };
    const error = refusal(() => messagesRequestBody(call({ tools: [list] }), OPTIONS));
    expect(error).toMatchObject({ provider: "anthropic", part: "tools" });
    expect(error.message).toMatch(/tool "list" takes "array" arguments/);
  });
});

describe("messagesRequestBody: tools beside a response format", () => {
  it("forces the output tool alone when the call has no tools", () => {
    const body = messagesRequestBody(call({ responseFormat: format }), OPTIONS);
    expect(body.tools?.map((tool) => tool.name)).toEqual(["forecast"]);
    expect(body.tool_choice).toEqual({ type: "tool", name: "forecast" });
  });

  it.each([
    [undefined, ["get_weather", "forecast"], { type: "any" }],
    ["auto", ["get_weather", "forecast"], { type: "any" }],
    ["none", ["get_weather", "forecast"], { type: "tool", name: "forecast" }],
    ["required", ["get_weather"], { type: "any" }],
    [{ name: "get_weather" }, ["get_weather"], { type: "tool", name: "get_weather" }],
  ] as const)("with tool choice %j sends tools %j and tool_choice %j", (choice, names, expected) => {
    const body = messagesRequestBody(
      call({ responseFormat: format, tools: [weather], ...(choice === undefined ? {} : { toolChoice: choice }) }),
      OPTIONS,
    );
    expect(body.tools?.map((tool) => tool.name)).toEqual(names);
    expect(body.tool_choice).toEqual(expected);
  });

  it("refuses a tool named like the output tool", () => {
    const clash = { ...weather, name: "forecast" };
    const error = refusal(() => messagesRequestBody(call({ responseFormat: format, tools: [clash] }), OPTIONS));
    expect(error.message).toMatch(/tool "forecast" has the name of the tool that carries the response format/);
  });
});

describe("messagesRequestBody: tool calls and results in the history", () => {
  it("replays an assistant's calls as tool_use blocks and groups consecutive results in one user turn", () => {
    const body = messagesRequestBody(
      call({
        tools: [weather],
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Weather in Oslo and Bergen?" },
          {
            role: "assistant",
            content: "Checking both.",
            toolCalls: [
              { id: "toolu_1", name: "get_weather", arguments: '{"city":"Oslo"}' },
              { id: "toolu_2", name: "get_weather", arguments: '{"city":"Bergen"}' },
            ],
          },
          { role: "tool", toolCallId: "toolu_1", content: '{"celsius":4}' },
          { role: "tool", toolCallId: "toolu_2", content: '{"celsius":7}' },
          { role: "assistant", toolCalls: [{ id: "toolu_3", name: "get_weather", arguments: "" }] },
          { role: "tool", toolCallId: "toolu_3", content: "no city given" },
          { role: "user", content: "Thanks" },
        ],
      }),
      OPTIONS,
    );
    expect(body.system).toBe("Be brief.");
    expect(body.messages).toEqual([
      { role: "user", content: "Weather in Oslo and Bergen?" },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking both." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Oslo" } },
          { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Bergen" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: '{"celsius":4}' },
          { type: "tool_result", tool_use_id: "toolu_2", content: '{"celsius":7}' },
        ],
      },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_3", name: "get_weather", input: {} }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_3", content: "no city given" }] },
      { role: "user", content: "Thanks" },
    ]);
  });

  it.each(["{not json", "[1,2]", '"Oslo"'])("refuses replayed arguments %j, which are not a JSON object", (text) => {
    const messages = [
      { role: "user" as const, content: "Weather?" },
      { role: "assistant" as const, toolCalls: [{ id: "toolu_1", name: "get_weather", arguments: text }] },
      { role: "tool" as const, toolCallId: "toolu_1", content: "?" },
    ];
    const error = refusal(() => messagesRequestBody(call({ messages }), { ...OPTIONS, provider: "claude" }));
    expect(error).toMatchObject({ provider: "claude", part: "tools" });
    expect(error.message).toMatch(/tool call "toolu_1" \(get_weather\)/);
  });
});
