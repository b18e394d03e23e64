import type { RouteRecord } from "@modelpolicy/core";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decisionScenarios } from "./__fixtures__/decision-scenarios.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  await harness.close();
});

const middleware = () => [
  createTelemetryMiddleware({ tracerProvider: harness.tracerProvider, meterProvider: harness.meterProvider }),
];

function routedSpan(): ReadableSpan {
  const [span, ...others] = harness.routedSpans();
  expect(others).toHaveLength(0);
  if (span === undefined) throw new Error("no routed span");
  return span;
}

const eventMs = (event: TimedEvent) => event.time[0] * 1000 + event.time[1] / 1e6;
const attemptEnd = (record: RouteRecord, index: number) => {
  const attempt = record.attempts[index];
  if (attempt === undefined) throw new Error(`no attempt ${index}`);
  return attempt.startedAt + attempt.durationMs;
};
const byName = (span: ReadableSpan, name: string) => span.events.filter((event) => event.name === name);

describe("decision events on the routed span", () => {
  it("records each retry with its cause and wait, the fallback step and the review, each inside the timeline", async () => {
    const record = await decisionScenarios.retryFallbackReview(middleware());
    const span = routedSpan();
    expect(span.events.map((event) => event.name)).toEqual([
      "model_policy.retry",
      "model_policy.fallback",
      "model_policy.review",
    ]);
    const [retry] = byName(span, "model_policy.retry");
    expect(retry?.attributes).toEqual({
      "model_policy.retry.cause": "rate_limit",
      "model_policy.retry.wait_ms": 30,
      "model_policy.attempt.index": 1,
      "gen_ai.request.model": "fast-model",
    });
    expect(record.attempts[1]?.delayBeforeMs).toBe(30);
    // In the gap: when the failed attempt ended, before the retry started.
    expect(eventMs(retry as TimedEvent)).toBeCloseTo(attemptEnd(record, 0), 3);
    expect(eventMs(retry as TimedEvent)).toBeLessThanOrEqual(record.attempts[1]?.startedAt ?? 0);

    const [fallback] = byName(span, "model_policy.fallback");
    expect(fallback?.attributes).toEqual({
      "model_policy.fallback.reason": "rate_limit",
      "model_policy.fallback.from": "fast-model",
      "model_policy.fallback.to": "standard-model",
    });
    expect(eventMs(fallback as TimedEvent)).toBeCloseTo(attemptEnd(record, 1), 3);
    expect(eventMs(fallback as TimedEvent)).toBeLessThanOrEqual(record.attempts[2]?.startedAt ?? 0);

    const [review] = byName(span, "model_policy.review");
    expect(review?.attributes).toEqual({ "model_policy.review.reasons": ["fallback_used"] });
    expect(eventMs(review as TimedEvent)).toBeGreaterThanOrEqual(attemptEnd(record, 2));
    expect(span.attributes["model_policy.decision"]).toBe("fast-model→standard-model rate_limit; review");
  });

  it("records an attempt skipped by an open circuit, and the fallback it caused", async () => {
    const record = await decisionScenarios.circuitOpen(middleware());
    expect(record.attempts.map((attempt) => [attempt.kind, attempt.outcome])).toEqual([
      ["primary", "error"],
      ["retry", "skipped"],
      ["fallback", "ok"],
    ]);
    const span = routedSpan();
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        "model_policy.retry",
        {
          "model_policy.retry.cause": "server_error",
          "model_policy.retry.wait_ms": Math.round(record.attempts[1]?.delayBeforeMs ?? -1),
          "model_policy.attempt.index": 1,
          "gen_ai.request.model": "fast-model",
        },
      ],
      [
        "model_policy.attempt.skipped",
        {
          "error.type": "circuit_open",
          "gen_ai.request.model": "fast-model",
          "gen_ai.provider.name": "scripted",
          "model_policy.attempt.index": 2,
          "model_policy.attempt.tier": "fast",
        },
      ],
      [
        "model_policy.fallback",
        {
          "model_policy.fallback.reason": "circuit_open",
          "model_policy.fallback.from": "fast-model",
          "model_policy.fallback.to": "standard-model",
        },
      ],
    ]);
    expect(eventMs(byName(span, "model_policy.attempt.skipped")[0] as TimedEvent)).toBeCloseTo(
      record.attempts[1]?.startedAt ?? 0,
      3,
    );
    // The skipped attempt sent nothing: no attempt span, and not counted.
    expect(harness.attemptSpans()).toHaveLength(2);
    expect(span.attributes["model_policy.attempts"]).toBe(2);
    expect(span.attributes["model_policy.decision"]).toBe("fast-model→standard-model circuit_open");
  });

  it("records a budget escalation at the start of the call, before any attempt", async () => {
    const record = await decisionScenarios.budgetEscalated(middleware());
    const span = routedSpan();
    const [escalated, ...others] = span.events;
    expect(others).toHaveLength(0);
    expect(escalated?.name).toBe("model_policy.budget.escalated");
    expect(escalated?.attributes).toEqual({
      "model_policy.input_tokens.estimated": record.inputTokens?.tokens,
      "model_policy.budget.input_tokens": 50,
      "model_policy.model_tier": "fast",
      "model_policy.escalated_tier": "standard",
    });
    expect(record.inputTokens?.tokens).toBeGreaterThan(50);
    expect(eventMs(escalated as TimedEvent)).toBe(record.startedAt);
    expect(eventMs(escalated as TimedEvent)).toBeLessThanOrEqual(record.attempts[0]?.startedAt ?? 0);
    expect(span.attributes["model_policy.escalated_tier"]).toBe("standard");
  });

  it("records a step to partial as a fallback without a target model", async () => {
    const record = await decisionScenarios.partial(middleware());
    expect(record.outcome).toBe("partial");
    const span = routedSpan();
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        "model_policy.fallback",
        { "model_policy.fallback.reason": "schema_invalid", "model_policy.fallback.from": "fast-model" },
      ],
      ["model_policy.review", { "model_policy.review.reasons": [...record.review.reasons] }],
    ]);
    expect(record.review.reasons).toContain("partial");
    expect(span.attributes["model_policy.decision"]).toBe("fast-model schema_invalid; partial; review");
  });

  it("adds no decision event to a call that failed without moving on, beside its exception", async () => {
    await decisionScenarios.failed(middleware());
    const span = routedSpan();
    expect(span.events.map((event) => event.name)).toEqual(["exception"]);
    expect(span.attributes["model_policy.decision"]).toBe("strong-model; failed bad_request");
  });
});
