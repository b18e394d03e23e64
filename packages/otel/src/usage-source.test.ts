import { type AdapterResponse, createRouter, type ModelAdapter, parsePolicyTable } from "@modelpolicy/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { testTable } from "./__fixtures__/tables.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";

const user = (content: string) => [{ role: "user" as const, content }];

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  await harness.close();
});

/** One router whose adapter answers every call with `response`. */
function routerAnswering(response: Partial<AdapterResponse>) {
  const adapter: ModelAdapter = {
    specificationVersion: "v2",
    provider: "scripted",
    async generate(call) {
      return {
        text: '{"label":"nda"}',
        usage: { inputTokens: 40, outputTokens: 6 },
        finishReason: "stop",
        servedModel: call.model,
        ...response,
      };
    },
  };
  const middleware = createTelemetryMiddleware({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
  });
  return createRouter(parsePolicyTable(testTable()), { adapters: [adapter], middleware: [middleware] });
}

describe("usage source and output mode", () => {
  it("reports an estimate as no GenAI usage, and says so on both spans", async () => {
    const router = routerAnswering({ usageSource: "estimated" });
    await router.run("classification", { messages: user("x") });
    const [attempt] = harness.attemptSpans();
    expect(attempt?.attributes["gen_ai.usage.input_tokens"]).toBeUndefined();
    expect(attempt?.attributes["gen_ai.usage.output_tokens"]).toBeUndefined();
    expect(attempt?.attributes["model_policy.usage.source"]).toBe("estimated");
    expect(harness.routedSpans()[0]?.attributes).toMatchObject({
      "model_policy.usage.source": "estimated",
      "model_policy.usage.input_tokens": 40,
    });
    expect(await harness.points("gen_ai.client.token.usage")).toHaveLength(0);
  });

  it("reports the provider's counts as GenAI usage", async () => {
    const router = routerAnswering({ usageSource: "provider" });
    await router.run("classification", { messages: user("x") });
    expect(harness.attemptSpans()[0]?.attributes).toMatchObject({
      "gen_ai.usage.input_tokens": 40,
      "model_policy.usage.source": "provider",
    });
    expect(harness.routedSpans()[0]?.attributes["model_policy.usage.source"]).toBe("provider");
    expect(await harness.points("gen_ai.client.token.usage")).toHaveLength(2);
  });

  it("names the structured-output mode the adapter used", async () => {
    const router = routerAnswering({ structuredOutputMode: "json_object_schema" });
    await router.run("classification", { messages: user("x"), schema: z.object({ label: z.string() }) });
    expect(harness.attemptSpans()[0]?.attributes["model_policy.attempt.output_mode"]).toBe("json_object_schema");
  });
});
