import { createRouter, defineTable } from "@modelpolicy/core";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openAIAdapter } from "../src/openai-adapter.js";

const server = new FakeOpenAIServer();

function makeRouter(api: "chat_completions" | "responses" = "chat_completions", maxInputTokens = 2000) {
  const table = defineTable({
    version: "t1",
    tiers: { fast: { provider: "openai", model: "gpt-4.1-nano" } },
    policies: [
      {
        id: "agent",
        version: "1",
        task: "agent_step",
        model_tier: "fast",
        max_input_tokens: maxInputTokens,
        max_output_tokens: 100,
        evidence_required: false,
        review_required: false,
        fallback_policy: "stop",
        latency_tier: "fast",
        retry: { max_attempts: 1, base_delay_ms: 1, repair_attempts: 1 },
      },
    ],
  });
  const client = new OpenAI({ apiKey: "sk-test", baseURL: server.baseURL, maxRetries: 0 });
  const adapter = api === "responses" ? openAIAdapter(client, { api: "responses" }) : openAIAdapter(client);
  return createRouter(table, { adapters: [adapter], onDiagnostic: () => {} });
}

const weather = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]) }),
};
const messages = [{ role: "user" as const, content: "Weather in Oslo?" }];

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("tool calls through the router and the OpenAI adapter", () => {
  it("sends the tools as JSON Schema with tool_choice, and returns validated tool calls", async () => {
    server.script("gpt-4.1-nano", [
      reply.toolCalls([{ id: "call_1", name: "get_weather", arguments: { city: "Oslo", unit: "c" } }]),
    ]);
    const result = await makeRouter().run("agent_step", { messages, tools: [weather], toolChoice: "required" });
    const body = server.requests[0]?.body;
    expect(body?.tools).toEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Current weather for a city",
          parameters: expect.objectContaining({
            type: "object",
            properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
          }),
        },
      },
    ]);
    expect(body?.tool_choice).toBe("required");
    expect(result.outcome).toBe("ok");
    expect(result.toolCalls).toEqual([{ id: "call_1", name: "get_weather", arguments: { city: "Oslo", unit: "c" } }]);
    expect(result.attempts[0]?.finishReason).toBe("tool_calls");
  });

  it("sends a named tool choice as a function choice", async () => {
    server.script("gpt-4.1-nano", [reply.toolCalls([{ name: "get_weather", arguments: { city: "Oslo", unit: "f" } }])]);
    await makeRouter().run("agent_step", { messages, tools: [weather], toolChoice: { name: "get_weather" } });
    expect(server.requests[0]?.body?.tool_choice).toEqual({ type: "function", function: { name: "get_weather" } });
  });

  it("repairs invalid arguments like structured output", async () => {
    server.script("gpt-4.1-nano", [
      reply.toolCalls([{ id: "call_1", name: "get_weather", arguments: { city: "Oslo", unit: "kelvin" } }]),
      reply.toolCalls([{ id: "call_2", name: "get_weather", arguments: { city: "Oslo", unit: "c" } }]),
    ]);
    const result = await makeRouter().run("agent_step", { messages, tools: [weather] });
    expect(server.requestCount).toBe(2);
    expect(result.attempts.map((attempt) => [attempt.kind, attempt.errorClass])).toEqual([
      ["primary", "schema_invalid"],
      ["repair", undefined],
    ]);
    const repairMessages = server.requests[1]?.body?.messages ?? [];
    expect(String(repairMessages.at(-1)?.content)).toContain('the arguments of tool "get_weather"');
    expect(result.toolCalls?.[0]?.arguments).toEqual({ city: "Oslo", unit: "c" });
  });

  it("fails schema_invalid when arguments stay invalid after the repairs", async () => {
    server.script("gpt-4.1-nano", [
      reply.toolCalls([{ name: "get_weather", arguments: "{not json" }]),
      reply.toolCalls([{ name: "get_weather", arguments: { city: 3 } }]),
    ]);
    const error = await makeRouter()
      .run("agent_step", { messages, tools: [weather] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as { record?: { errorClass?: string } }).record?.errorClass).toBe("schema_invalid");
  });

  it("sends assistant tool calls and tool results of the history in OpenAI's shape", async () => {
    server.script("gpt-4.1-nano", [reply.ok("It is 4 °C in Oslo.")]);
    const result = await makeRouter().run("agent_step", {
      tools: [weather],
      messages: [
        ...messages,
        {
          role: "assistant",
          toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' }],
        },
        { role: "tool", toolCallId: "call_1", content: '{"celsius":4}' },
      ],
    });
    expect(result.output).toBe("It is 4 °C in Oslo.");
    expect(result.toolCalls).toBeUndefined();
    // A loopback server is an OpenAI-compatible one to the server profile: a tool-calling turn
    // without text goes as `""` there (`null`, OpenAI's own shape, goes to OpenAI and Azure).
    expect(server.requests[0]?.body?.messages).toEqual([
      { role: "user", content: "Weather in Oslo?" },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"celsius":4}' },
    ]);
  });

  it("counts tool definitions in the input budget, sending nothing when they do not fit", async () => {
    const big = { ...weather, description: "Weather. ".repeat(400) };
    const router = makeRouter("chat_completions", 400);
    await expect(router.run("agent_step", { messages })).resolves.toBeDefined();
    const error = await router.run("agent_step", { messages, tools: [big] }).catch((caught: unknown) => caught);
    expect((error as { name?: string }).name).toBe("BudgetExceededError");
    expect(server.requestCount).toBe(1);
  });

  it("sends tools and the history's calls and results to the Responses API as function tools and items", async () => {
    server.script("gpt-4.1-nano", [
      reply.toolCalls([{ id: "call_2", name: "get_weather", arguments: '{"city":"Bergen","unit":"c"}' }]),
    ]);
    const result = await makeRouter("responses").run("agent_step", {
      tools: [weather],
      toolChoice: { name: "get_weather" },
      messages: [
        ...messages,
        {
          role: "assistant",
          content: "Checking.",
          toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' }],
        },
        { role: "tool", toolCallId: "call_1", content: '{"celsius":4}' },
      ],
    });
    expect(result.toolCalls).toEqual([{ id: "call_2", name: "get_weather", arguments: { city: "Bergen", unit: "c" } }]);
    expect(result.attempts[0]?.finishReason).toBe("tool_calls");
    const body = server.requests[0]?.body;
    expect(body?.tools).toEqual([
      {
        type: "function",
        name: "get_weather",
        description: "Current weather for a city",
        parameters: expect.objectContaining({ type: "object" }),
        strict: false,
      },
    ]);
    expect(body?.tool_choice).toEqual({ type: "function", name: "get_weather" });
    expect(body?.input).toEqual([
      { role: "user", content: "Weather in Oslo?" },
      { role: "assistant", content: "Checking." },
      { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' },
      { type: "function_call_output", call_id: "call_1", output: '{"celsius":4}' },
    ]);
  });
});
