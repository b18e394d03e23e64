import { describe, expect, it } from "vitest";
import { z } from "zod";
import { patchPolicy, routerSetup, user } from "../__fixtures__/router-setup.js";
import { evidenceListSchema } from "../evidence/evidence-check.js";

const fieldsSchema = z.object({
  party: z.string(),
  amount: z.number(),
  term: z.string(),
  evidence: evidenceListSchema,
});
const sources = [{ id: "msa", text: "This MSA is made by Acme Corp. The total fee is USD 120,000 per year." }];

/** Standard first, then strong, then `partial`; one answer per model, no repairs or re-asks. */
const chainToPartial = (extra: Record<string, unknown> = {}) =>
  patchPolicy("extraction", {
    fallback_policy: "partial",
    fallback_steps: [{ tier: "strong" }, "partial"],
    fallback_on: ["schema_invalid", "evidence_missing"],
    retry: { max_attempts: 1, repair_attempts: 0, evidence_attempts: 0 },
    ...extra,
  });

describe("a partial result", () => {
  it("keeps a schema-valid answer that lacked evidence over a later schema-invalid one, and names its model", async () => {
    const { adapter, router } = routerSetup(chainToPartial());
    const valid = { party: "Acme Corp", amount: 120000, term: "1 year", evidence: [] };
    adapter.script("standard-model", { reply: valid });
    adapter.script("strong-model", { reply: { party: "Other Corp", amount: "n/a", term: 3, evidence: [] } });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema, sources });
    expect(result.outcome).toBe("partial");
    expect(result.output).toEqual(valid);
    expect(result.modelServed).toBe("standard-model");
    expect(result.evidence.coverage).toBe(0);
    expect(result.review.reasons).toContain("partial");
  });

  it("names the model whose fields it returns when no answer was valid", async () => {
    const { adapter, router } = routerSetup(chainToPartial({ evidence_required: false }));
    adapter.script("standard-model", { reply: { party: "Acme Corp", amount: "n/a", term: 3, evidence: "none" } });
    adapter.script("strong-model", { reply: { party: "Acme Corp", amount: 120000, term: 3, evidence: [] } });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema });
    expect(result.outcome).toBe("partial");
    expect(result.output).toEqual({ party: "Acme Corp", amount: 120000, evidence: [] });
    expect(result.modelServed).toBe("strong-model");
  });

  it("keeps the answer with the most valid fields, not the last one", async () => {
    const { adapter, router } = routerSetup(chainToPartial({ evidence_required: false }));
    adapter.script("standard-model", { reply: { party: "Acme Corp", amount: 120000, term: 3, evidence: [] } });
    adapter.script("strong-model", { reply: { party: "Acme Corp", amount: "n/a", term: 3, evidence: "none" } });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema });
    expect(result.outcome).toBe("partial");
    expect(result.output).toEqual({ party: "Acme Corp", amount: 120000, evidence: [] });
    expect(result.modelServed).toBe("standard-model");
  });

  it("counts fields of an answer that a repair replaced", async () => {
    const { adapter, router } = routerSetup(
      chainToPartial({ evidence_required: false, retry: { max_attempts: 1, repair_attempts: 1 } }),
    );
    adapter.script(
      "standard-model",
      { reply: { party: "Acme Corp", amount: 120000, term: 3, evidence: [] }, servedModel: "standard-model-0601" },
      { reply: "not json" },
    );
    adapter.script("strong-model", { reply: "still not json" }, { reply: { party: 1 } });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema });
    expect(result.outcome).toBe("partial");
    expect(result.output).toEqual({ party: "Acme Corp", amount: 120000, evidence: [] });
    expect(result.modelServed).toBe("standard-model-0601");
  });

  it("keeps the whole fields of a structured answer the output limit cut, without the list item it cut", async () => {
    const { adapter, router } = routerSetup(chainToPartial({ evidence_required: false, fallback_steps: ["partial"] }));
    const cut =
      '{"party":"Acme Corp","amount":120000,"evidence":[{"field":"party","source_id":"msa","quote":"Acme Corp"},{"field":"amount","sou';
    adapter.script("standard-model", {
      error: { errorClass: "output_limit", message: "stopped at the output limit", text: cut },
    });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema });
    expect(result.outcome).toBe("partial");
    expect(result.output).toEqual({
      party: "Acme Corp",
      amount: 120000,
      evidence: [{ field: "party", source_id: "msa", quote: "Acme Corp" }],
    });
    expect(result.attempts.map((attempt) => attempt.errorClass)).toEqual(["output_limit"]);
  });

  it("returns the text of a plain answer the output limit cut, flagged for review", async () => {
    const { adapter, router } = routerSetup(chainToPartial({ evidence_required: false, fallback_steps: ["partial"] }));
    adapter.script("standard-model", {
      error: { errorClass: "output_limit", message: "stopped at the output limit", text: "The fee is USD 120,000 and" },
    });
    const result = await router.run("extraction", { messages: user("summarise") });
    expect(result.outcome).toBe("partial");
    expect(result.output).toBe("The fee is USD 120,000 and");
    expect(result.review.reasons).toContain("partial");
  });

  it("fails an output-limit stop when the cut text holds nothing whole", async () => {
    const { adapter, router } = routerSetup(chainToPartial({ evidence_required: false, fallback_steps: ["partial"] }));
    adapter.script("standard-model", {
      error: { errorClass: "output_limit", message: "stopped at the output limit", text: '{"party":"Acme' },
    });
    await expect(router.run("extraction", { messages: user("extract"), schema: fieldsSchema })).rejects.toMatchObject({
      record: { outcome: "failed", errorClass: "output_limit" },
    });
  });

  it("still reaches a partial step when a later model fails with an error the policy does not fall back on", async () => {
    const { adapter, router } = routerSetup(chainToPartial({ evidence_required: false }));
    adapter.script("standard-model", { reply: { party: "Acme Corp", amount: "n/a", term: "1 year", evidence: [] } });
    adapter.script("strong-model", { error: { errorClass: "auth", message: "no key for this provider" } });
    const result = await router.run("extraction", { messages: user("extract"), schema: fieldsSchema });
    expect(result.outcome).toBe("partial");
    expect(result.output).toEqual({ party: "Acme Corp", term: "1 year", evidence: [] });
    expect(result.attempts.map((attempt) => attempt.errorClass)).toEqual(["schema_invalid", "auth"]);
  });

  it("does not reach a partial step after the caller aborted", async () => {
    const aborted = routerSetup(chainToPartial({ evidence_required: false }));
    const controller = new AbortController();
    aborted.adapter.script("standard-model", {
      reply: { party: "Acme Corp", amount: "n/a", term: "1 year", evidence: [] },
    });
    aborted.adapter.script("strong-model", { reply: { party: "Acme Corp" }, delayMs: 5_000 });
    const call = aborted.router.run("extraction", {
      messages: user("extract"),
      schema: fieldsSchema,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toMatchObject({ record: { outcome: "failed" } });
  });
});
