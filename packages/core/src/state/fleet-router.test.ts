import { describe, expect, it } from "vitest";
import { failure, user } from "../__fixtures__/router-setup.js";
import { testTable } from "../__fixtures__/tables.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { BudgetExhaustedError } from "../errors/budget-exhausted-error.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import type { PolicyTableInput } from "../policy/policy-schema.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { createRouter } from "../router/router.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import { InMemoryStateBackend } from "./in-memory-state-backend.js";

// Scripted answers use 100 input and 20 output tokens: fast-model costs 0.00014 USD a call,
// standard-model 0.00042, strong-model 0.0016.
const STRONG_CALL = 0.0016;

/** A router over testTable with patched policies, on a state backend whose clock the test moves. */
function fleetRouter(patches: Record<string, Record<string, unknown>>, extra: Partial<PolicyTableInput> = {}) {
  // The real clock to start with: breakers publish when they reopen on Date.now()'s clock.
  let now = Date.now();
  const state = new InMemoryStateBackend({ now: () => now });
  const base = testTable();
  const policies = base.policies.map((policy) => ({ ...policy, ...patches[policy.task] }));
  const table = parsePolicyTable({ ...base, ...extra, policies } as PolicyTableInput);
  const adapter = new ScriptedAdapter();
  const options = { adapters: [adapter], state, onDiagnostic: () => undefined };
  const router = createRouter(table, { ...options, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } });
  const replica = () => createRouter(table, { ...options, breaker: { consecutiveFailures: 100 } });
  return { router, adapter, state, replica, advance: (ms: number) => (now += ms) };
}

const judge = (budget: Record<string, unknown>) => ({
  risk_judgement: { spend_budget: { usd: 0.003, window: "day", ...budget } },
});

describe("spend budgets", () => {
  it("degrade: once the budget is used up, calls move to the cheaper tier, and come back in the next window", async () => {
    const { router, adapter, advance } = fleetRouter(judge({ on_exhausted: "degrade", degrade_to: "fast" }));
    const first = await router.run("risk_judgement", { messages: user("x") });
    expect(first.spend).toEqual({
      limitUsd: 0.003,
      window: "day",
      spentUsd: STRONG_CALL,
      remainingUsd: 0.003 - STRONG_CALL,
      decision: undefined,
    });
    await router.run("risk_judgement", { messages: user("x") });
    const degraded = await router.run("risk_judgement", { messages: user("x") });
    expect(degraded.outcome).toBe("fallback_ok");
    expect(degraded.fallback).toEqual({ policy: "stop", used: true, reason: "budget_exhausted" });
    expect(degraded.attempts.map((attempt) => [attempt.model, attempt.kind])).toEqual([["fast-model", "fallback"]]);
    expect(degraded.spend?.decision).toMatchObject({ action: "degrade", fromModel: "strong-model", toTier: "fast" });
    expect(degraded.spend?.remainingUsd).toBe(0);
    expect(adapter.callsTo("strong-model")).toHaveLength(2);
    advance(24 * 3_600_000);
    const nextDay = await router.run("risk_judgement", { messages: user("x") });
    expect(nextDay.outcome).toBe("ok");
    expect(nextDay.modelServed).toBe("strong-model");
  });

  it("stop: a call refused by the budget sends nothing and is rejected with BudgetExhaustedError", async () => {
    const { router, adapter, state } = fleetRouter(judge({ on_exhausted: "stop" }));
    state.addSpend("risk", "day", 0.01);
    const error = await router.run("risk_judgement", { messages: user("x") }).catch((caught: unknown) => caught);
    expect(BudgetExhaustedError.isInstance(error)).toBe(true);
    const exhausted = error as BudgetExhaustedError;
    expect([exhausted.limitUsd, exhausted.spentUsd, exhausted.window]).toEqual([0.003, 0.01, "day"]);
    expect(exhausted.record).toMatchObject({ outcome: "rejected", errorClass: "budget_exhausted", attempts: [] });
    expect(exhausted.record.spend?.decision?.action).toBe("stop");
    expect(adapter.calls).toHaveLength(0);
  });

  it("review: the call goes on and its answer is sent to review with the reason budget_exhausted", async () => {
    const { router, state } = fleetRouter(judge({ on_exhausted: "review" }));
    state.addSpend("risk", "day", 0.01);
    const result = await router.run("risk_judgement", { messages: user("x") });
    expect(result.outcome).toBe("review");
    expect(result.output).toBe("ok");
    expect(result.review.reasons).toEqual(["budget_exhausted"]);
    expect(result.spend?.decision?.action).toBe("review");
  });

  it("is checked again before a fallback target, so a fallback cannot spend past it", async () => {
    // extract runs on standard and falls back to strong; its first answer costs and fails the schema.
    const patch = {
      evidence_required: false,
      fallback_policy: "next_tier",
      retry: { max_attempts: 1, repair_attempts: 0 },
      spend_budget: { usd: 0.0004, window: "hour", on_exhausted: "stop" },
    };
    const { router, adapter } = fleetRouter({ extraction: patch });
    adapter.script("standard-model", { reply: "not json" });
    const schema = { jsonSchema: { type: "object" }, validate: (value: unknown) => ({ value }) };
    const error = await router
      .run("extraction", { messages: user("x"), schema: schemaOf(schema) })
      .catch((caught: unknown) => caught);
    expect(BudgetExhaustedError.isInstance(error)).toBe(true);
    expect((error as BudgetExhaustedError).record).toMatchObject({ outcome: "failed", errorClass: "budget_exhausted" });
    expect(adapter.callsTo("strong-model")).toHaveLength(0);

    const degrading = fleetRouter({
      extraction: { ...patch, spend_budget: { ...patch.spend_budget, on_exhausted: "degrade", degrade_to: "fast" } },
    });
    degrading.adapter.script("standard-model", { reply: "not json" });
    degrading.adapter.script("fast-model", { reply: { ok: true } });
    const result = await degrading.router.run("extraction", { messages: user("x"), schema: schemaOf(schema) });
    expect(result.attempts.map((attempt) => attempt.model)).toEqual(["standard-model", "fast-model"]);
    expect(result.fallback.reason).toBe("schema_invalid");
    expect(result.spend?.decision).toMatchObject({
      action: "degrade",
      fromModel: "strong-model",
      toModel: "fast-model",
    });
    expect(degrading.adapter.callsTo("strong-model")).toHaveLength(0);
  });
});

describe("rate limits", () => {
  it("skips a model with no capacity left and moves on, recording rate_limited, whatever fallback_on says", async () => {
    const { router, adapter, advance } = fleetRouter(
      { classification: { fallback_on: ["timeout"] } },
      { rate_limits: { "scripted/fast-model": { rpm: 2 } } },
    );
    for (let call = 0; call < 2; call += 1) {
      expect((await router.run("classification", { messages: user("x") })).outcome).toBe("ok");
    }
    const limited = await router.run("classification", { messages: user("x") });
    expect(limited.outcome).toBe("fallback_ok");
    expect(limited.fallback.reason).toBe("rate_limited");
    expect(limited.attempts[0]).toMatchObject({ model: "fast-model", outcome: "skipped", errorClass: "rate_limited" });
    expect(limited.attempts[0]?.errorMessage).toMatch(/^rate limit "scripted\/fast-model" has no capacity left/);
    expect(limited.modelServed).toBe("standard-model");
    expect(adapter.callsTo("fast-model")).toHaveLength(2);
    advance(60_000);
    expect((await router.run("classification", { messages: user("x") })).modelServed).toBe("fast-model");
  });

  it("fails the call with rate_limited when the provider account's limit leaves no target", async () => {
    const { router } = fleetRouter({}, { rate_limits: { scripted: { rpm: 1, tpm: 1_000_000 } } });
    await router.run("classification", { messages: user("x") });
    const error = await router.run("classification", { messages: user("x") }).catch((caught: unknown) => caught);
    expect(RoutingFailedError.isInstance(error)).toBe(true);
    expect((error as RoutingFailedError).record.errorClass).toBe("rate_limited");
    expect((error as RoutingFailedError).record.attempts.map((attempt) => attempt.outcome)).toEqual([
      "skipped",
      "skipped",
    ]);
  });

  it("counts the estimated input and the output limit against tpm", async () => {
    // classify's output limit is 200: one call reserves about 200 tokens, so 450 admit two.
    const { router, adapter } = fleetRouter({}, { rate_limits: { "scripted/fast-model": { tpm: 450 } } });
    for (let call = 0; call < 3; call += 1) await router.run("classification", { messages: user("x") });
    expect(adapter.callsTo("fast-model")).toHaveLength(2);
  });
});

describe("circuit state through the backend", () => {
  it("a circuit one router opened is honoured by another router on the same backend", async () => {
    const { router, adapter, replica } = fleetRouter({ classification: { retry: { max_attempts: 1 } } });
    const other = replica();
    adapter.script("fast-model", failure("server_error"), failure("server_error"));
    await router.run("classification", { messages: user("x") });
    await router.run("classification", { messages: user("x") });
    const skipped = await other.run("classification", { messages: user("x") });
    expect(skipped.attempts[0]).toMatchObject({ model: "fast-model", outcome: "skipped", errorClass: "circuit_open" });
    expect(skipped.modelServed).toBe("standard-model");
    expect(adapter.callsTo("fast-model")).toHaveLength(2);
  });
});

describe("max_tier", () => {
  it("stops over-budget escalation at the policy's most expensive tier", async () => {
    const long = user("word ".repeat(3_000));
    const escalating = { on_budget_exceeded: "escalate", fallback_policy: "stop" };
    const capped = fleetRouter({ classification: { ...escalating, max_tier: "fast" } });
    const error = await capped.router.run("classification", { messages: long }).catch((caught: unknown) => caught);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    const open = fleetRouter({ classification: { ...escalating, max_tier: "standard" } });
    expect((await open.router.run("classification", { messages: long })).escalatedToTier).toBe("standard");
  });
});

/** A schema pair the router accepts whatever the JSON holds, so only unparsable text fails. */
function schemaOf(pair: { jsonSchema: Record<string, unknown>; validate: (value: unknown) => { value: unknown } }) {
  return {
    jsonSchema: pair.jsonSchema,
    validate: { "~standard": { version: 1 as const, vendor: "test", validate: pair.validate } },
  };
}
