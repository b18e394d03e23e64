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
});
