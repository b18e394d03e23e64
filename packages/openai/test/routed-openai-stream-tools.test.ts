import { createRouter, defineTable, RoutedCallError } from "@modelpolicy/core";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openAIAdapter } from "../src/openai-adapter.js";
import type { OpenAIClientLike } from "../src/openai-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

const server = new FakeOpenAIServer();

function makeRouter(client: OpenAIClientLike, api: "chat_completions" | "responses") {
  const table = defineTable({
    version: "t1",
    tiers: { fast: { provider: "openai", model: "gpt-4.1-nano" } },
    policies: [
      {
        id: "agent",
        version: "1",
        task: "agent_step",
        model_tier: "fast",
        max_input_tokens: 2000,
        max_output_tokens: 100,
        evidence_required: false,
        review_required: false,
        fallback_policy: "stop",
        latency_tier: "fast",
        retry: { max_attempts: 1, base_delay_ms: 1, repair_attempts: 1 },
      },
    ],
  });
  const adapter =
    api === "responses" ? openAIAdapter(client, { api: "responses" }) : openAIAdapter(client, { streamUsage: true });
  return createRouter(table, { adapters: [adapter], onDiagnostic: () => {} });
}

const weather = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]) }),
};
const messages = [{ role: "user" as const, content: "Weather in Oslo?" }];
const oslo = { id: "call_1", name: "get_weather", arguments: { city: "Oslo", unit: "c" } };

async function readAll(stream: AsyncIterable<string>) {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
  } catch (error) {
    return { deltas, error };
  }
  return { deltas, error: undefined };
}

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe.each(SDK_MAJORS)("router.stream with tools + OpenAI adapter + %s over HTTP", (_major, makeClient) => {
  const client = () => makeClient({ apiKey: "sk-test", baseURL: server.baseURL, maxRetries: 0 });

  describe.each(["chat_completions", "responses"] as const)("api %s", (api) => {
    it("joins the streamed argument pieces into validated result.toolCalls, streaming no text", async () => {
      server.script("gpt-4.1-nano", [reply.toolCalls([oslo], { stream: { chunkSize: 4 } })]);
      const stream = makeRouter(client(), api).stream("agent_step", {
        messages,
        tools: [weather],
        toolChoice: "required",
      });
      const { deltas, error } = await readAll(stream);
      expect(error).toBeUndefined();
      expect(deltas).toEqual([]);
      const result = await stream.result;
      expect(result.outcome).toBe("ok");
      expect(result.toolCalls).toEqual([{ id: "call_1", name: "get_weather", arguments: { city: "Oslo", unit: "c" } }]);
      expect(result.attempts[0]).toMatchObject({ finishReason: "tool_calls", usageSource: "provider" });
      const body = server.requests[0]?.body;
      expect(body?.stream).toBe(true);
      expect(body?.tool_choice).toBe("required");
      expect(JSON.stringify(body?.tools)).toContain('"name":"get_weather"');
      // Several argument pieces went over the wire.
      expect(server.requests[0]?.chunksSent).toBeGreaterThan(6);
    });

    it("streams the text that comes with a call and returns both", async () => {
      server.script("gpt-4.1-nano", [
        reply.toolCalls([oslo], { json: "Checking the weather.", stream: { chunkSize: 8 } }),
      ]);
      const stream = makeRouter(client(), api).stream("agent_step", { messages, tools: [weather] });
      const { deltas } = await readAll(stream);
      expect(deltas.join("")).toBe("Checking the weather.");
      expect(deltas.length).toBeGreaterThan(1);
      const result = await stream.result;
      expect(result.output).toBe("Checking the weather.");
      expect(result.toolCalls?.[0]?.arguments).toEqual({ city: "Oslo", unit: "c" });
    });

    it("repairs invalid streamed arguments: nothing reached the caller yet", async () => {
      server.script("gpt-4.1-nano", [
        reply.toolCalls([{ ...oslo, arguments: { city: "Oslo", unit: "kelvin" } }]),
        reply.toolCalls([{ ...oslo, id: "call_2" }]),
      ]);
      const stream = makeRouter(client(), api).stream("agent_step", { messages, tools: [weather] });
      expect((await readAll(stream)).deltas).toEqual([]);
      const result = await stream.result;
      expect(result.attempts.map((attempt) => [attempt.kind, attempt.errorClass])).toEqual([
        ["primary", "schema_invalid"],
        ["repair", undefined],
      ]);
      expect(result.toolCalls?.[0]).toMatchObject({ id: "call_2", arguments: { city: "Oslo", unit: "c" } });
      const repair = JSON.stringify(server.requests[1]?.body);
      expect(repair).toContain("kelvin");
      expect(repair).toContain('the arguments of tool \\"get_weather\\"');
    });

    it("fails schema_invalid when the arguments stay invalid", async () => {
      server.script("gpt-4.1-nano", [
        reply.toolCalls([{ name: "get_weather", arguments: "{not json" }]),
        reply.toolCalls([{ name: "get_weather", arguments: { city: 3 } }]),
      ]);
      const stream = makeRouter(client(), api).stream("agent_step", { messages, tools: [weather] });
      const { error } = await readAll(stream);
      expect(RoutedCallError.isInstance(error)).toBe(true);
      expect((error as RoutedCallError).record.errorClass).toBe("schema_invalid");
      expect(server.requestCount).toBe(2);
    });
  });
});
