import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { routedTelemetrySetup } from "./__fixtures__/routed-telemetry-setup.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";

const user = (content: string) => [{ role: "user" as const, content }];
const labelSchema = z.object({ label: z.enum(["msa", "nda", "unknown"]) });

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  await harness.close();
});

const setup = (overrides = {}) => routedTelemetrySetup(harness, overrides);

describe("the routed-call span", () => {
  it("is exactly one INTERNAL span per call with every contract attribute, typed", async () => {
    const { adapter, router, errors } = setup();
    adapter.script("fast-model", { reply: { label: "nda" }, usage: { inputTokens: 1000, outputTokens: 10 } });
    const result = await router.run("classification", { messages: user("classify this"), schema: labelSchema });

    const [span, ...others] = harness.routedSpans();
    expect(others).toHaveLength(0);
    expect(span?.name).toBe("route classification");
    expect(span?.kind).toBe(SpanKind.INTERNAL);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    const a = span?.attributes ?? {};
    expect(a).toMatchObject({
      "model_policy.task": "classification",
      "model_policy.id": "classify",
      "model_policy.version": "1",
      "model_policy.table.version": "2026-11-01",
      "model_policy.model_tier": "fast",
      "model_policy.latency_tier": "fast",
      "model_policy.budget.input_tokens": 2000,
      "model_policy.budget.output_tokens": 200,
      "model_policy.evidence.required": false,
      "model_policy.review.required": false,
      "model_policy.review.triggered": false,
      "model_policy.review.reasons": [],
      "model_policy.fallback.policy": "next_tier",
      "model_policy.fallback.used": false,
      "model_policy.attempts": 1,
      "model_policy.model.requested": "fast-model",
      "model_policy.model.served": "fast-model",
      "model_policy.outcome": "ok",
      "model_policy.cost.known": true,
      "model_policy.usage.input_tokens": 1000,
      "model_policy.usage.output_tokens": 10,
      "model_policy.ref": "classify@1",
      "model_policy.decision": "fast-model",
    });
    expect(span?.instrumentationScope.schemaUrl).toBe("https://opentelemetry.io/schemas/1.41.0");
    expect(a["model_policy.digest"]).toBe(result.policy.digest);
    expect(a["model_policy.cost.usd"]).toBeCloseTo((1000 * 1 + 10 * 2) / 1e6, 12);
    expect(a["model_policy.input_tokens.estimated"]).toBe(result.inputTokens?.tokens);
    expect(a["model_policy.input_tokens.method"]).toBe(result.inputTokens?.method);
    for (const key of [
      "model_policy.fallback.reason",
      "model_policy.evidence.coverage",
      "model_policy.usage.cache_read.input_tokens",
      "error.type",
      "gen_ai.usage.input_tokens",
      "gen_ai.usage.output_tokens",
    ]) {
      expect(a).not.toHaveProperty(key);
    }
    expect(span?.events).toEqual([]);

    const ints = [
      "model_policy.budget.input_tokens",
      "model_policy.budget.output_tokens",
      "model_policy.input_tokens.estimated",
      "model_policy.attempts",
      "model_policy.usage.input_tokens",
      "model_policy.usage.output_tokens",
    ];
    for (const key of ints) expect(Number.isInteger(a[key]), key).toBe(true);
    expect(typeof a["model_policy.cost.usd"]).toBe("number");
    expect(Number.isInteger(a["model_policy.cost.usd"])).toBe(false);
    const bools = [
      "model_policy.evidence.required",
      "model_policy.review.required",
      "model_policy.review.triggered",
      "model_policy.fallback.used",
    ];
    for (const key of bools) expect(typeof a[key], key).toBe("boolean");
    const strings = [
      "task",
      "id",
      "version",
      "table.version",
      "model_tier",
      "latency_tier",
      "fallback.policy",
      "model.requested",
      "model.served",
      "outcome",
    ];
    for (const key of strings) expect(typeof a[`model_policy.${key}`], key).toBe("string");
    expect(Array.isArray(a["model_policy.review.reasons"])).toBe(true);
    expect(errors).toEqual([]);
  });

  it("puts each attempt in a CLIENT child span that follows the GenAI client conventions", async () => {
    const { adapter, router } = setup();
    adapter.script("fast-model", {
      reply: { label: "nda" },
      usage: { inputTokens: 50, outputTokens: 7 },
      servedModel: "fast-model-2026",
    });
    await router.run("classification", { messages: user("x"), schema: labelSchema });

    const [routed] = harness.routedSpans();
    const [attempt, ...others] = harness.attemptSpans();
    expect(others).toHaveLength(0);
    expect(attempt?.name).toBe("chat fast-model");
    expect(attempt?.kind).toBe(SpanKind.CLIENT);
    expect(attempt?.parentSpanContext?.spanId).toBe(routed?.spanContext().spanId);
    expect(attempt?.spanContext().traceId).toBe(routed?.spanContext().traceId);
    expect(attempt?.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "scripted",
      "gen_ai.request.model": "fast-model",
      "gen_ai.request.max_tokens": 200,
      "gen_ai.output.type": "json",
      "gen_ai.response.model": "fast-model-2026",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 50,
      "gen_ai.usage.output_tokens": 7,
      "model_policy.attempt.index": 1,
      "model_policy.attempt.kind": "primary",
      "model_policy.attempt.tier": "fast",
    });
    expect(attempt?.attributes).not.toHaveProperty("gen_ai.system");
    // Not an OpenAI attempt, and the adapter reported no endpoint.
    for (const key of ["openai.api.type", "server.address", "server.port"])
      expect(attempt?.attributes).not.toHaveProperty(key);
    expect(attempt?.instrumentationScope.schemaUrl).toBe("https://opentelemetry.io/schemas/1.41.0");
    expect(attempt?.status.code).toBe(SpanStatusCode.UNSET);
    expect(routed?.attributes["model_policy.model.served"]).toBe("fast-model-2026");
  });

  it("reports a fallback: used, reason, served model, and an ERROR span per failed attempt", async () => {
    const { adapter, router } = setup();
    const limited = { error: { errorClass: "rate_limit" as const, message: "429", status: 429, retryAfterMs: 1 } };
    adapter.script("fast-model", limited, limited);
    adapter.script("standard-model", { reply: { label: "msa" } });
    const result = await router.run("classification", { messages: user("x"), schema: labelSchema });
    expect(result.outcome).toBe("fallback_ok");

    const [routed] = harness.routedSpans();
    expect(routed?.status.code).toBe(SpanStatusCode.UNSET);
    expect(routed?.attributes).toMatchObject({
      "model_policy.outcome": "fallback_ok",
      "model_policy.fallback.used": true,
      "model_policy.fallback.reason": "rate_limit",
      "model_policy.model.requested": "fast-model",
      "model_policy.model.served": "standard-model",
      "model_policy.attempts": 3,
    });
    const attempts = harness
      .attemptSpans()
      .sort(
        (x, y) =>
          Number(x.attributes["model_policy.attempt.index"]) - Number(y.attributes["model_policy.attempt.index"]),
      );
    expect(
      attempts.map((span) => [
        span.name,
        span.attributes["model_policy.attempt.kind"],
        span.status.code,
        span.attributes["error.type"],
      ]),
    ).toEqual([
      ["chat fast-model", "primary", SpanStatusCode.ERROR, "rate_limit"],
      ["chat fast-model", "retry", SpanStatusCode.ERROR, "rate_limit"],
      ["chat standard-model", "fallback", SpanStatusCode.UNSET, undefined],
    ]);
    expect(attempts[0]?.attributes["http.response.status_code"]).toBe(429);
    // The failed attempts got no usage from the provider: no usage attributes, rather than zeros.
    for (const span of attempts.slice(0, 2)) {
      expect(span.attributes).not.toHaveProperty("gen_ai.usage.input_tokens");
      expect(span.attributes).not.toHaveProperty("gen_ai.usage.output_tokens");
    }
    expect(attempts[2]?.attributes["gen_ai.usage.input_tokens"]).toBe(100);
    expect(routed?.attributes["model_policy.decision"]).toBe("fast-model→standard-model rate_limit");
    for (const span of attempts) expect(span.parentSpanContext?.spanId).toBe(routed?.spanContext().spanId);
  });
});
