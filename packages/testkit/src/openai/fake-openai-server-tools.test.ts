import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeOpenAIServer } from "./fake-openai-server.js";
import { reply } from "./reply.js";

const server = new FakeOpenAIServer();
let client: OpenAI;

beforeAll(async () => {
  const { baseURL } = await server.start();
  client = new OpenAI({ apiKey: "sk-testkit", baseURL, maxRetries: 0, timeout: 5_000 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const calls = [
  { id: "call_a", name: "get_weather", arguments: { city: "Oslo", unit: "c" } },
  { id: "call_b", name: "get_time", arguments: "{}" },
];

describe("FakeOpenAIServer tool calls, streamed", () => {
  it("streams chat tool calls in argument pieces that the SDK's own accumulator joins back", async () => {
    server.script("gpt-4o-mini", [reply.toolCalls(calls, { stream: { chunkSize: 5 } })]);
    const stream = client.chat.completions.stream({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Weather in Oslo?" }],
    });
    let argumentPieces = 0;
    for await (const chunk of stream) {
      for (const piece of chunk.choices[0]?.delta.tool_calls ?? []) if (piece.id === undefined) argumentPieces += 1;
    }
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      {
        id: "call_a",
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' },
      },
      { id: "call_b", type: "function", function: { name: "get_time", arguments: "{}" } },
    ]);
    // 26 characters in pieces of 5, then the 2 of "{}".
    expect(argumentPieces).toBe(7);
  });

  it("answers Responses API tool calls as function_call items, without the message when there is no text", async () => {
    server.script("gpt-4.1-mini", [reply.toolCalls(calls)]);
    const response = await client.responses.create({ model: "gpt-4.1-mini", input: "Weather in Oslo?" });
    expect(response.output).toEqual([
      expect.objectContaining({ type: "function_call", call_id: "call_a", name: "get_weather" }),
      expect.objectContaining({ type: "function_call", call_id: "call_b", name: "get_time", arguments: "{}" }),
    ]);
    expect(response.output_text).toBe("");
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
  });

  it("streams Responses API function calls as OpenAI does, which the SDK's stream helper accepts", async () => {
    server.script("gpt-4.1-mini", [reply.toolCalls(calls.slice(0, 1), { stream: { chunkSize: 10 } })]);
    const stream = client.responses.stream({ model: "gpt-4.1-mini", input: "Weather in Oslo?" });
    const types: string[] = [];
    let joined = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.function_call_arguments.delta") joined += event.delta;
    }
    expect(types).toEqual([
      "response.created",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(joined).toBe('{"city":"Oslo","unit":"c"}');
    const final = await stream.finalResponse();
    expect(final.output[0]).toMatchObject({ type: "function_call", call_id: "call_a", arguments: joined });
  });
});
