import { describe, expect, it } from "vitest";
import { z } from "zod";
import { user } from "../__fixtures__/router-setup.js";
import { testTable } from "../__fixtures__/tables.js";
import type { AdapterCall, AdapterResponse, ModelAdapter } from "../adapter/model-adapter.js";
import { RequestShapeError } from "../errors/request-shape-error.js";
import { RoutedCallError } from "../errors/routed-call-error.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import { StreamingAdapter } from "./__fixtures__/streaming-adapter.js";
import { createRouter } from "./router.js";
import type { AttemptResult, RouterMiddleware } from "./router-middleware.js";

const weather = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]) }),
};

function setup(adapter: ModelAdapter) {
  const results: AttemptResult[] = [];
  const middleware: RouterMiddleware = {
    name: "attempt results",
    async onAttempt(_attempt, next) {
      results.push(await next());
    },
  };
  const router = createRouter(parsePolicyTable(testTable()), {
    adapters: [adapter],
    middleware: [middleware],
    breaker: false,
  });
  return { router, results };
}

async function readUntilError(stream: AsyncIterable<string>) {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
  } catch (error) {
    return { deltas, error };
  }
  return { deltas, error: undefined };
}

describe("router.stream with tools", () => {
  it("sends the tools and returns the finish part's calls validated on result.toolCalls, streaming no text", async () => {
    const adapter = new StreamingAdapter().script("fast-model", {
      toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' }],
    });
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("Weather in Oslo?"), tools: [weather] });
    const { deltas, error } = await readUntilError(stream);
    expect(error).toBeUndefined();
    expect(deltas).toEqual([]);
    const result = await stream.result;
    expect(result.outcome).toBe("ok");
    expect(result.toolCalls).toEqual([{ id: "call_1", name: "get_weather", arguments: { city: "Oslo", unit: "c" } }]);
    expect(result.attempts[0]).toMatchObject({ outcome: "ok", finishReason: "tool_calls" });
    expect(adapter.calls[0]?.tools?.map((tool) => tool.name)).toEqual(["get_weather"]);
  });

  it("streams the text that comes with tool calls and returns both", async () => {
    const adapter = new StreamingAdapter().script("fast-model", {
      deltas: ["Let me ", "check."],
      toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo","unit":"f"}' }],
    });
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("Weather in Oslo?"), tools: [weather] });
    expect((await readUntilError(stream)).deltas).toEqual(["Let me ", "check."]);
    const result = await stream.result;
    expect(result.output).toBe("Let me check.");
    expect(result.toolCalls?.[0]?.arguments).toEqual({ city: "Oslo", unit: "f" });
  });

  it("repairs invalid arguments of a call that streamed no text, replaying the calls to the model", async () => {
    const adapter = new StreamingAdapter().script(
      "fast-model",
      { toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo","unit":"kelvin"}' }] },
      { toolCalls: [{ id: "call_2", name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' }] },
    );
    const { router, results } = setup(adapter);
    const stream = router.stream("classification", { messages: user("Weather in Oslo?"), tools: [weather] });
    expect((await readUntilError(stream)).deltas).toEqual([]);
    const result = await stream.result;
    expect(result.attempts.map((attempt) => [attempt.kind, attempt.errorClass])).toEqual([
      ["primary", "schema_invalid"],
      ["repair", undefined],
    ]);
    expect(result.toolCalls).toEqual([{ id: "call_2", name: "get_weather", arguments: { city: "Oslo", unit: "c" } }]);
    const repair = adapter.calls[1]?.messages ?? [];
    expect(repair.at(-2)).toEqual({ role: "assistant", content: expect.stringContaining('"unit\\":\\"kelvin\\"') });
    expect(String(repair.at(-1)?.content)).toContain('the arguments of tool "get_weather"');
    expect(results[0]?.record.errorMessage).toContain('the arguments of tool "get_weather"');
  });

  it("fails schema_invalid without a repair when the answer's text already reached the caller", async () => {
    const adapter = new StreamingAdapter().script("fast-model", {
      deltas: ["Checking."],
      toolCalls: [{ id: "call_1", name: "no_such_tool", arguments: "{}" }],
    });
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("Weather in Oslo?"), tools: [weather] });
    const { deltas, error } = await readUntilError(stream);
    expect(deltas).toEqual(["Checking."]);
    expect(RoutedCallError.isInstance(error)).toBe(true);
    const { record } = error as RoutedCallError;
    expect(record.errorClass).toBe("schema_invalid");
    expect(record.attempts[0]?.errorMessage).toBe('there is no tool named "no_such_tool"');
    expect(adapter.calls).toHaveLength(1);
  });

  it("ignores tool calls when the request defines no tools, as run does", async () => {
    const adapter = new StreamingAdapter().script("fast-model", {
      deltas: ["plain"],
      toolCalls: [{ id: "call_1", name: "get_weather", arguments: "not json" }],
    });
    const { router } = setup(adapter);
    const result = await router.stream("classification", { messages: user("x") }).result;
    expect(result.output).toBe("plain");
    expect(result.toolCalls).toBeUndefined();
  });

  it("hands over only the text of an adapter without stream, never the replay of its calls", async () => {
    const calls: AdapterCall[] = [];
    const adapter: ModelAdapter = {
      specificationVersion: "v1",
      provider: "scripted",
      accepts: { tools: true },
      async generate(call): Promise<AdapterResponse> {
        calls.push(call);
        return {
          text: "",
          usage: { inputTokens: 10, outputTokens: 5 },
          finishReason: "tool_calls",
          servedModel: call.model,
          toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' }],
        };
      },
    };
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("Weather in Oslo?"), tools: [weather] });
    expect((await readUntilError(stream)).deltas).toEqual([]);
    expect((await stream.result).toolCalls?.[0]?.name).toBe("get_weather");
    expect(calls[0]?.tools).toHaveLength(1);
  });

  it("refuses tools for an adapter that does not declare them, before any request", async () => {
    const adapter = new ScriptedAdapter();
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("Weather in Oslo?"), tools: [weather] });
    const { error } = await readUntilError(stream);
    expect(RequestShapeError.isInstance(error)).toBe(true);
    expect((error as RequestShapeError).part).toBe("tools");
    expect(adapter.calls).toHaveLength(0);
  });
});
