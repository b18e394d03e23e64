import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { budgetScenarios } from "./__fixtures__/budget-scenarios.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";
import { ledgerRecordFromSpan } from "./ledger/ledger-record.js";

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

/** The last routed span: a scenario may make calls before the one it is about. */
function lastRoutedSpan(): ReadableSpan {
  const span = harness.routedSpans().at(-1);
  if (span === undefined) throw new Error("no routed span");
  return span;
}

const eventMs = (event: TimedEvent) => event.time[0] * 1000 + event.time[1] / 1e6;
const named = (span: ReadableSpan, name: string) => span.events.filter((event) => event.name === name);

describe("spend budgets on the routed span", () => {
  it("degrade: budget attributes, the exhausted event with from/to at the decision, fallback reason budget_exhausted", async () => {
    const record = await budgetScenarios.degraded(middleware());
    const span = lastRoutedSpan();
    expect(span.attributes).toMatchObject({
      "model_policy.budget.limit_usd": 0.003,
      "model_policy.budget.remaining_usd": 0,
      "model_policy.budget.window": "day",
      "model_policy.budget.action": "degrade",
      "model_policy.fallback.reason": "budget_exhausted",
      "model_policy.model.served": "fast-model",
    });
    const [exhausted, ...others] = named(span, "model_policy.budget.exhausted");
    expect(others).toHaveLength(0);
    expect(exhausted?.attributes).toEqual({
      "model_policy.budget.action": "degrade",
      "model_policy.budget.remaining_usd": 0,
      "model_policy.budget.limit_usd": 0.003,
      "model_policy.budget.window": "day",
      "model_policy.fallback.from": "strong-model",
      "model_policy.fallback.to": "fast-model",
    });
    expect(eventMs(exhausted as TimedEvent)).toBeCloseTo(record.spend?.decision?.at ?? -1, 3);
    expect(eventMs(exhausted as TimedEvent)).toBeLessThanOrEqual(record.attempts[0]?.startedAt ?? 0);
    expect(ledgerRecordFromSpan(span)).toMatchObject({
      budget_limit_usd: 0.003,
      budget_remaining_usd: 0,
      budget_window: "day",
      budget_action: "degrade",
      fallback_reason: "budget_exhausted",
    });
  });

  it("stop: the refused call's span carries the action and the event without from/to, beside its exception", async () => {
    const record = await budgetScenarios.stopped(middleware());
    expect(record.outcome).toBe("rejected");
    const span = lastRoutedSpan();
    expect(span.events.map((event) => event.name).sort()).toEqual(["exception", "model_policy.budget.exhausted"]);
    expect(named(span, "model_policy.budget.exhausted")[0]?.attributes).toEqual({
      "model_policy.budget.action": "stop",
      "model_policy.budget.remaining_usd": 0,
      "model_policy.budget.limit_usd": 0.003,
      "model_policy.budget.window": "day",
    });
    expect(span.attributes["model_policy.budget.action"]).toBe("stop");
    expect(span.attributes["error.type"]).toBe("budget_exhausted");
    expect(ledgerRecordFromSpan(span)).toMatchObject({ budget_action: "stop", outcome: "rejected" });
  });

  it("review: the exhausted event comes before the review event, whose reasons say budget_exhausted", async () => {
    await budgetScenarios.reviewed(middleware());
    const span = lastRoutedSpan();
    expect(span.events.map((event) => event.name)).toEqual(["model_policy.budget.exhausted", "model_policy.review"]);
    expect(span.attributes["model_policy.budget.action"]).toBe("review");
    expect(span.attributes["model_policy.review.reasons"]).toEqual(["budget_exhausted"]);
  });

  it("a call within budget carries limit, remaining and window, but no action and no event", async () => {
    const record = await budgetScenarios.withinBudget(middleware());
    const span = lastRoutedSpan();
    expect(record.spend?.spentUsd).toBeGreaterThan(0);
    expect(span.attributes["model_policy.budget.limit_usd"]).toBe(0.003);
    expect(span.attributes["model_policy.budget.remaining_usd"]).toBeCloseTo(0.003 - (record.spend?.spentUsd ?? 0), 9);
    expect(span.attributes["model_policy.budget.window"]).toBe("day");
    expect(span.attributes).not.toHaveProperty("model_policy.budget.action");
    expect(span.events).toHaveLength(0);
  });
});

describe("an attempt skipped by a fleet-wide rate limit", () => {
  it("says rate_limited on its skipped event, and the fallback and span carry rate_limited", async () => {
    const record = await budgetScenarios.rateLimited(middleware());
    expect(record.attempts[0]).toMatchObject({ outcome: "skipped", errorClass: "rate_limited" });
    const span = lastRoutedSpan();
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        "model_policy.attempt.skipped",
        {
          "error.type": "rate_limited",
          "gen_ai.request.model": "fast-model",
          "gen_ai.provider.name": "scripted",
          "model_policy.attempt.index": 1,
          "model_policy.attempt.tier": "fast",
        },
      ],
      [
        "model_policy.fallback",
        {
          "model_policy.fallback.reason": "rate_limited",
          "model_policy.fallback.from": "fast-model",
          "model_policy.fallback.to": "standard-model",
        },
      ],
    ]);
    expect(span.attributes["model_policy.fallback.reason"]).toBe("rate_limited");
    expect(ledgerRecordFromSpan(span).fallback_reason).toBe("rate_limited");
  });
});
