import { ScriptedAdapter } from "@modelpolicy/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { scriptedRouter, user } from "./__fixtures__/scripted-router.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";

/** A scripted adapter that takes tools, so the router sends them. */
class ToolAdapter extends ScriptedAdapter {
  readonly accepts = { tools: true };
}

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(() => harness.close());

async function runWithTools(captureMessageContent: boolean) {
  const middleware = createTelemetryMiddleware({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
    captureMessageContent,
  });
  const { adapter, router } = scriptedRouter([middleware], new ToolAdapter());
  adapter.script("fast-model", { reply: "done" });
  await router.run("classification", {
    messages: [
      ...user("weather?"),
      { role: "assistant", toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' }] },
      { role: "tool", toolCallId: "call_1", content: "4 C" },
    ],
    tools: [{ name: "get_weather", description: "Weather now", parameters: z.object({ city: z.string() }) }],
  });
}

describe("gen_ai.tool.definitions", () => {
  it("is recorded with the tool-call history when content capture is on", async () => {
    await runWithTools(true);
    const [attempt] = harness.attemptSpans();
    const tools = JSON.parse(String(attempt?.attributes["gen_ai.tool.definitions"]));
    expect(tools).toEqual([
      {
        type: "function",
        name: "get_weather",
        description: "Weather now",
        parameters: expect.objectContaining({ properties: { city: { type: "string" } } }),
      },
    ]);
    const input = JSON.parse(String(attempt?.attributes["gen_ai.input.messages"]));
    expect(input.slice(1)).toEqual([
      {
        role: "assistant",
        parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' }],
      },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: "4 C" }] },
    ]);
  });

  it("is not recorded when content capture is off", async () => {
    await runWithTools(false);
    const [attempt] = harness.attemptSpans();
    expect(attempt).toBeDefined();
    expect(attempt?.attributes["gen_ai.tool.definitions"]).toBeUndefined();
  });
});
