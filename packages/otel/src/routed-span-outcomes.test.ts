import { BudgetExceededError, RoutingFailedError } from "@modelpolicy/core";
import { SpanStatusCode } from "@opentelemetry/api";
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

describe("the routed-call span's outcomes", () => {
  it("marks an over-budget call rejected with budget_exceeded and no attempt spans", async () => {
    const { adapter, router } = setup();
    const error = await router.run("classification", { messages: user("word ".repeat(5000)) }).catch((e: unknown) => e);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(adapter.calls).toHaveLength(0);

    const [routed, ...others] = harness.routedSpans();
    expect(others).toHaveLength(0);
    expect(harness.attemptSpans()).toHaveLength(0);
    expect(routed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(routed?.attributes).toMatchObject({
      "model_policy.outcome": "rejected",
      "error.type": "budget_exceeded",
      "model_policy.attempts": 0,
      "model_policy.input_tokens.estimated": 2001,
      "model_policy.input_tokens.method": "exact",
      "model_policy.cost.usd": 0,
      "model_policy.usage.input_tokens": 0,
      "model_policy.decision": "rejected budget_exceeded",
    });
    expect(routed?.attributes).not.toHaveProperty("model_policy.model.served");
    expect(routed?.events.map((event) => event.name)).toEqual(["exception"]);
  });

  it("records a failure as ERROR with the exception, and the caller gets the same typed error", async () => {
    const { adapter, router, errors } = setup();
    const down = { error: { errorClass: "server_error" as const, message: "503", status: 503 } };
    adapter.script("strong-model", down, down, down);
    const error = await router.run("risk_judgement", { messages: user("x") }).catch((e: unknown) => e);
    expect(RoutingFailedError.isInstance(error)).toBe(true);

    const [routed] = harness.routedSpans();
    expect(routed?.status).toEqual({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    expect(routed?.attributes).toMatchObject({
      "model_policy.outcome": "failed",
      "error.type": "server_error",
      "model_policy.attempts": 3,
    });
    const [exception] = routed?.events ?? [];
    expect(exception?.name).toBe("exception");
    expect(exception?.attributes).toMatchObject({
      "exception.type": "RoutingFailedError",
      "exception.message": (error as Error).message,
    });
    expect(harness.attemptSpans()).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it("does not treat review as an error, and reports evidence coverage as a double", async () => {
    const { adapter, router } = setup();
    const answer = {
      party: "Acme Corp",
      amount: "100 EUR",
      evidence: [{ field: "party", source_id: "c1", quote: "acme corp" }],
    };
    adapter.script("standard-model", { reply: answer }, { reply: answer });
    const schema = z.object({
      party: z.string(),
      amount: z.string(),
      evidence: z.array(z.object({ field: z.string(), source_id: z.string(), quote: z.string() })),
    });
    const result = await router.run("extraction", {
      messages: user("extract"),
      schema,
      sources: [{ id: "c1", text: "Between Acme Corp and Beta Ltd." }],
    });
    expect(result.outcome).toBe("review");

    const [routed] = harness.routedSpans();
    expect(routed?.status.code).toBe(SpanStatusCode.UNSET);
    expect(routed?.attributes).toMatchObject({
      "model_policy.outcome": "review",
      "model_policy.evidence.required": true,
      "model_policy.evidence.coverage": 0.5,
      "model_policy.review.triggered": true,
      "model_policy.review.reasons": [...result.review.reasons],
      "model_policy.evidence.fields.verified": 1,
      "model_policy.evidence.fields.required": 2,
      "model_policy.decision": "standard-model; review",
    });
    expect(result.review.reasons.length).toBeGreaterThan(0);
    expect(
      harness
        .attemptSpans()
        .map((span) => span.attributes["model_policy.attempt.kind"])
        .sort(),
    ).toEqual(["evidence", "primary"]);
  });

  it("omits the cost and says so when a model has no price", async () => {
    const { adapter, router } = setup();
    adapter.script("fast-model", { reply: { label: "nda" }, servedModel: "unpriced-model" });
    const result = await router.run("classification", { messages: user("x"), schema: labelSchema });
    expect(result.costUsd).toBeNull();
    const [routed] = harness.routedSpans();
    expect(routed?.attributes["model_policy.cost.known"]).toBe(false);
    expect(routed?.attributes).not.toHaveProperty("model_policy.cost.usd");
  });
});
