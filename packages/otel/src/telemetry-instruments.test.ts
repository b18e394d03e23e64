import type { RouterMiddleware } from "@modelpolicy/core";
import type { DataPoint, Histogram } from "@opentelemetry/sdk-metrics";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { scriptedRouter, user } from "./__fixtures__/scripted-router.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";
import { GEN_AI_OPERATION_DURATION_BUCKETS, GEN_AI_TOKEN_USAGE_BUCKETS } from "./semconv.js";

const labelSchema = z.object({ label: z.string() });

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  await harness.close();
});

function routerWithTelemetry() {
  return scriptedRouter([
    createTelemetryMiddleware({ tracerProvider: harness.tracerProvider, meterProvider: harness.meterProvider }),
  ]);
}

const histogramOf = (point: DataPoint<number | Histogram> | undefined) => point?.value as Histogram | undefined;
const sumOf = (points: DataPoint<number | Histogram>[]) =>
  points.reduce((total, point) => total + (point.value as number), 0);

describe("metrics", () => {
  it("counts calls by task, policy id and version, served model and outcome", async () => {
    const { adapter, router } = routerWithTelemetry();
    adapter.script("fast-model", { reply: { label: "a" } }, { reply: { label: "b" } });
    await router.run("classification", { messages: user("x"), schema: labelSchema });
    await router.run("classification", { messages: user("y"), schema: labelSchema });
    await router.run("classification", { messages: user("word ".repeat(5000)) }).catch(() => undefined);

    const calls = await harness.points("model_policy.calls");
    const labels = calls.map((point) => ({ ...point.attributes, value: point.value }));
    expect(labels).toContainEqual({
      "model_policy.task": "classification",
      "model_policy.id": "classify",
      "model_policy.version": "1",
      "model_policy.model.served": "fast-model",
      "model_policy.outcome": "ok",
      "model_policy.fallback.used": false,
      "model_policy.review.triggered": false,
      "model_policy.cost.known": true,
      value: 2,
    });
    expect(labels).toContainEqual({
      "model_policy.task": "classification",
      "model_policy.id": "classify",
      "model_policy.version": "1",
      "model_policy.outcome": "rejected",
      "model_policy.fallback.used": false,
      "model_policy.review.triggered": false,
      "model_policy.cost.known": true,
      value: 1,
    });
  });

  it("counts tokens per routed call by token type and records its duration", async () => {
    const { adapter, router } = routerWithTelemetry();
    const limited = {
      error: { errorClass: "server_error" as const, message: "503", usage: { inputTokens: 7, outputTokens: 0 } },
    };
    adapter.script("fast-model", limited, limited);
    adapter.script("standard-model", { reply: { label: "a" }, usage: { inputTokens: 100, outputTokens: 20 } });
    await router.run("classification", { messages: user("x"), schema: labelSchema });
    const tokens = await harness.points("model_policy.tokens");
    const byType = Object.fromEntries(tokens.map((point) => [point.attributes["gen_ai.token.type"], point.value]));
    expect(byType).toEqual({ input: 114, output: 20 });
    expect(tokens[0]?.attributes).toMatchObject({
      "model_policy.fallback.used": true,
      "model_policy.outcome": "fallback_ok",
    });
    const duration = await harness.descriptor("model_policy.duration");
    expect(duration?.unit).toBe("s");
    const durations = await harness.points("model_policy.duration");
    expect(durations.map((point) => point.attributes)).toEqual([
      {
        "model_policy.task": "classification",
        "model_policy.id": "classify",
        "model_policy.version": "1",
        "model_policy.outcome": "fallback_ok",
        "model_policy.model.served": "standard-model",
      },
    ]);
    expect((durations[0]?.value as Histogram | undefined)?.count).toBe(1);
  });

  it("adds priced cost in USD with the same labels", async () => {
    const { adapter, router } = routerWithTelemetry();
    adapter.script("fast-model", { reply: { label: "a" }, usage: { inputTokens: 1_000_000, outputTokens: 500_000 } });
    await router.run("classification", { messages: user("x"), schema: labelSchema });
    const descriptor = await harness.descriptor("model_policy.cost");
    expect(descriptor?.unit).toBe("USD");
    const cost = await harness.points("model_policy.cost");
    expect(sumOf(cost)).toBeCloseTo(1 + 1, 9);
    expect(cost[0]?.attributes).toMatchObject({ "model_policy.task": "classification", "model_policy.outcome": "ok" });
  });

  it("records GenAI token usage and operation duration per attempt, with semconv units and buckets", async () => {
    const { adapter, router } = routerWithTelemetry();
    const limited = { error: { errorClass: "rate_limit" as const, message: "429", status: 429, retryAfterMs: 1 } };
    adapter.script("fast-model", limited, limited);
    adapter.script("standard-model", { reply: { label: "a" }, usage: { inputTokens: 300, outputTokens: 40 } });
    await router.run("classification", { messages: user("x"), schema: labelSchema });

    expect((await harness.descriptor("gen_ai.client.token.usage"))?.unit).toBe("{token}");
    expect((await harness.descriptor("gen_ai.client.operation.duration"))?.unit).toBe("s");

    const tokens = await harness.points("gen_ai.client.token.usage");
    const byType = Object.fromEntries(tokens.map((point) => [point.attributes["gen_ai.token.type"], point]));
    expect(byType.input?.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "scripted",
      "gen_ai.request.model": "standard-model",
      "gen_ai.response.model": "standard-model",
      "gen_ai.token.type": "input",
    });
    expect(histogramOf(byType.input)?.sum).toBe(300);
    expect(histogramOf(byType.output)?.sum).toBe(40);
    expect(histogramOf(byType.input)?.buckets.boundaries).toEqual(GEN_AI_TOKEN_USAGE_BUCKETS);

    const durations = await harness.points("gen_ai.client.operation.duration");
    const failed = durations.find((point) => point.attributes["error.type"] === "rate_limit");
    expect(histogramOf(failed)?.count).toBe(2);
    expect(failed?.attributes["gen_ai.request.model"]).toBe("fast-model");
    expect(histogramOf(failed)?.buckets.boundaries).toEqual(GEN_AI_OPERATION_DURATION_BUCKETS);
    const succeeded = durations.find((point) => point.attributes["error.type"] === undefined);
    expect(histogramOf(succeeded)?.count).toBe(1);
    expect(histogramOf(succeeded)?.sum).toBeLessThan(5);
  });

  it("records metrics queued off the caller's path when the provider collects before the batch ran", async () => {
    const { adapter, router } = routerWithTelemetry();
    adapter.script("fast-model", { reply: { label: "a" }, usage: { inputTokens: 10, outputTokens: 2 } });
    await router.run("classification", { messages: user("x"), schema: labelSchema });
    // No macrotask turn has passed: the setImmediate batch has not run; the collection must record it.
    const [calls, durations, tokens] = await Promise.all([
      harness.points("model_policy.calls"),
      harness.points("gen_ai.client.operation.duration"),
      harness.points("model_policy.tokens"),
    ]);
    expect(sumOf(calls)).toBe(1);
    expect(histogramOf(durations[0])?.count).toBe(1);
    expect(sumOf(tokens)).toBe(12);
  });
});

describe("metrics of an attempt whose adapter reported its endpoint", () => {
  it("label the GenAI client metrics, like the attempt span, with server.address and server.port", async () => {
    // Stands in for core passing the adapter's endpoint on the attempt (not in its contract yet).
    const endpoint: RouterMiddleware = {
      name: "endpoint",
      onAttempt: (attempt, next) => {
        Object.assign(attempt, { endpoint: { address: "llm.internal", port: 8443 } });
        return next();
      },
    };
    const { adapter, router } = scriptedRouter([
      endpoint,
      createTelemetryMiddleware({ tracerProvider: harness.tracerProvider, meterProvider: harness.meterProvider }),
    ]);
    adapter.script("fast-model", { reply: { label: "a" } });
    await router.run("classification", { messages: user("x"), schema: labelSchema });

    const [duration] = await harness.points("gen_ai.client.operation.duration");
    expect(duration?.attributes).toMatchObject({ "server.address": "llm.internal", "server.port": 8443 });
    const tokens = await harness.points("gen_ai.client.token.usage");
    expect(tokens).toHaveLength(2);
    for (const point of tokens) expect(point.attributes["server.address"]).toBe("llm.internal");
    expect(harness.attemptSpans()[0]?.attributes).toMatchObject({
      "server.address": "llm.internal",
      "server.port": 8443,
    });
  });
});
