import { describe, expect, it } from "vitest";
import { z } from "zod";
import { patchPolicy, routerSetup, user } from "../__fixtures__/router-setup.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { evidenceListSchema } from "../evidence/evidence-check.js";

const fieldsSchema = z.object({
  party: z.string(),
  amount: z.number(),
  evidence: evidenceListSchema,
});
const sources = [{ id: "msa", text: "This MSA is made by Acme Corp. The total fee is USD 120,000 per year." }];
const good = {
  party: "Acme Corp",
  amount: 120000,
  evidence: [
    { field: "party", source_id: "msa", quote: "made by Acme Corp" },
    { field: "amount", source_id: "msa", quote: "total fee is USD 120,000" },
  ],
};

describe("structured output", () => {
  it("repairs output that fails the schema, within the repair budget", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("standard-model", { reply: { party: "Acme Corp", amount: "lots" } }, { reply: good });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema, sources });
    expect(result.outcome).toBe("ok");
    expect(result.attempts.map((a) => [a.kind, a.errorClass])).toEqual([
      ["primary", "schema_invalid"],
      ["repair", undefined],
    ]);
    const repairMessages = adapter.calls[1]?.messages ?? [];
    expect(repairMessages.at(-1)?.content).toMatch(/amount/);
  });

  it("stops repairing at the budget and moves to the fallback", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("standard-model", { reply: "not json" }, { reply: "{ still not" });
    adapter.script("strong-model", { reply: good });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema, sources });
    expect(adapter.callsTo("standard-model")).toHaveLength(2);
    expect(result.outcome).toBe("fallback_ok");
    expect(result.fallback.reason).toBe("schema_invalid");
  });

  it("returns what validated when the chain reaches partial, flagged for review", async () => {
    const { adapter, router } = routerSetup(
      patchPolicy("extraction", {
        fallback_policy: "partial",
        retry: { repair_attempts: 0 },
        evidence_required: false,
      }),
    );
    adapter.script("standard-model", { reply: { party: "Acme Corp", amount: "n/a", evidence: [] } });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema });
    expect(result.outcome).toBe("partial");
    expect(result.output).toEqual({ party: "Acme Corp", evidence: [] });
    expect(result.review.reasons).toContain("partial");
  });
});

describe("evidence", () => {
  it("accepts fully evidenced output with coverage 1", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("standard-model", { reply: good });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema, sources });
    expect(result.evidence.coverage).toBe(1);
    expect(result.review.triggered).toBe(false);
  });

  it("asks again for missing evidence, then sends the gap to review", async () => {
    const { adapter, router } = routerSetup();
    const weak = { ...good, evidence: [good.evidence[0]] };
    adapter.script("standard-model", { reply: weak }, { reply: weak });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema, sources });
    expect(result.attempts.map((a) => a.kind)).toEqual(["primary", "evidence"]);
    expect(adapter.calls[1]?.messages.at(-1)?.content).toContain("amount");
    expect(result.evidence.coverage).toBe(0.5);
    expect(result.outcome).toBe("review");
    expect(result.review.reasons).toEqual(["evidence_gap"]);
  });

  it("falls back on missing evidence when the policy says so", async () => {
    const { adapter, router } = routerSetup(
      patchPolicy("extraction", { fallback_on: ["evidence_missing"], retry: { evidence_attempts: 0 } }),
    );
    adapter.script("standard-model", { reply: { ...good, evidence: [] } });
    adapter.script("strong-model", { reply: good });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema, sources });
    expect(result.outcome).toBe("fallback_ok");
    expect(result.fallback.reason).toBe("evidence_missing");
  });
});

describe("review from the output", () => {
  const riskSchema = z.object({ risk_level: z.enum(["low", "medium", "high", "critical"]), confidence: z.number() });

  it.each([
    [{ risk_level: "high", confidence: 0.9 }, undefined, ["risk"]],
    [{ risk_level: "low", confidence: 0.3 }, undefined, ["low_confidence"]],
    [{ risk_level: "low", confidence: 0.9 }, "critical" as const, ["risk"]],
    [{ risk_level: "medium", confidence: 0.9 }, undefined, []],
  ])("output %o with caller risk %s → review reasons %o", async (reply, risk, reasons) => {
    const { adapter, router } = routerSetup();
    adapter.script("strong-model", { reply });
    const result = await router.run("risk_judgement", {
      messages: user("judge"),
      schema: riskSchema,
      ...(risk ? { risk } : {}),
    });
    expect(result.review.reasons).toEqual(reasons);
    expect(result.outcome).toBe(reasons.length > 0 ? "review" : "ok");
  });
});

describe("budget escalation", () => {
  it("sends over-budget input to the first larger tier that fits when the policy escalates", async () => {
    const { adapter, router } = routerSetup(
      patchPolicy("classification", { on_budget_exceeded: "escalate", max_input_tokens: 50 }),
    );
    adapter.script("standard-model", { reply: "escalated" });
    const result = await router.run("classification", { messages: user("clause ".repeat(400)) });
    expect(result.escalatedToTier).toBe("standard");
    expect(adapter.callsTo("fast-model")).toHaveLength(0);
    expect(result.outcome).toBe("ok");
  });

  it("still refuses when no tier's window fits", async () => {
    const { adapter, router } = routerSetup(patchPolicy("classification", { on_budget_exceeded: "escalate" }));
    const error = await router.run("classification", { messages: user("clause ".repeat(500_000)) }).catch((e) => e);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(adapter.calls).toHaveLength(0);
  });
});

describe("cost", () => {
  it("prices every attempt on its served model, failed ones too, and is null with a warning when unknown", async () => {
    const { adapter, router, diagnostics } = routerSetup(
      patchPolicy("classification", { fallback_on: ["output_limit"] }),
    );
    adapter.script("fast-model", {
      error: { errorClass: "output_limit", message: "length", usage: { inputTokens: 1000, outputTokens: 200 } },
    });
    adapter.script("standard-model", {
      reply: "x",
      servedModel: "mystery-model-2026-01-01",
      usage: { inputTokens: 10, outputTokens: 10 },
    });
    const result = await router.run("classification", { messages: user("x") });
    expect(result.attempts[0]?.costUsd).toBeCloseTo((1000 * 1 + 200 * 2) / 1e6, 12);
    expect(result.attempts[1]?.costUsd).toBeNull();
    expect(result.costUsd).toBeNull();
    await router.run("classification", { messages: user("x") }).catch(() => undefined);
    expect(diagnostics.filter((d) => d.message.includes("mystery-model"))).toHaveLength(1);
  });
});
