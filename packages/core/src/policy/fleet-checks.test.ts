import { describe, expect, it } from "vitest";
import { testTable } from "../__fixtures__/tables.js";
import { PolicyTableError } from "../errors/policy-table-error.js";
import { parsePolicyTable, parsePolicyTableText } from "./policy-table.js";

function issuesOf(input: unknown): { path: string; code: string; message: string }[] {
  try {
    parsePolicyTable(input);
  } catch (error) {
    if (!PolicyTableError.isInstance(error)) throw error;
    return error.issues.map((issue) => ({ path: issue.path.join("."), code: issue.code, message: issue.message }));
  }
  throw new Error("expected the table to be rejected");
}

/** testTable with one policy patched (0 classify on fast, 1 extract on standard, 2 risk on strong). */
function withPolicy(index: number, patch: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const table = testTable();
  const policies = table.policies.map((policy, i) => (i === index ? { ...policy, ...patch } : policy));
  return { ...table, policies, ...extra };
}

const degradeToFast = { usd: 5, window: "day", on_exhausted: "degrade", degrade_to: "fast" };

describe("fleet fields of a policy table", () => {
  it("loads rate limits, spend budgets and tier caps, leaving policies without them unchanged", () => {
    const plain = parsePolicyTable(testTable());
    const table = parsePolicyTable(
      withPolicy(
        2,
        { spend_budget: degradeToFast, max_tier: "strong" },
        { rate_limits: { "scripted/strong-model": { rpm: 500, tpm: 30_000 }, scripted: { rpm: 10_000 } } },
      ),
    );
    expect(table.rateLimits).toEqual({ "scripted/strong-model": { rpm: 500, tpm: 30_000 }, scripted: { rpm: 10_000 } });
    expect(table.policyFor("risk_judgement")).toMatchObject({ spend_budget: degradeToFast, max_tier: "strong" });
    expect(table.policies[0]?.digest).toBe(plain.policies[0]?.digest);
    expect(table.policies[2]?.digest).not.toBe(plain.policies[2]?.digest);
    expect(plain.rateLimits).toEqual({});
  });

  it("needs degrade_to exactly when a budget degrades, naming a declared tier cheaper than the policy's", () => {
    const missing = issuesOf(withPolicy(2, { spend_budget: { usd: 5, window: "day", on_exhausted: "degrade" } }));
    expect(missing).toEqual([expect.objectContaining({ path: "policies.2.spend_budget.degrade_to", code: "custom" })]);
    const stray = issuesOf(withPolicy(2, { spend_budget: { ...degradeToFast, on_exhausted: "stop" } }));
    expect(stray[0]?.message).toBe("only applies when on_exhausted is degrade, not stop");
    expect(issuesOf(withPolicy(2, { spend_budget: { ...degradeToFast, degrade_to: "tiny" } }))).toEqual([
      expect.objectContaining({ path: "policies.2.spend_budget.degrade_to", code: "unknown_tier" }),
    ]);
    expect(issuesOf(withPolicy(1, { spend_budget: { ...degradeToFast, degrade_to: "strong" } }))).toEqual([
      expect.objectContaining({ path: "policies.1.spend_budget.degrade_to", code: "not_cheaper" }),
    ]);
  });

  it("refuses a budget that is not positive USD over an hour or a day", () => {
    const issues = issuesOf(withPolicy(2, { spend_budget: { usd: 0, window: "week", on_exhausted: "stop" } }));
    expect(issues.map((issue) => issue.path)).toEqual([
      "policies.2.spend_budget.usd",
      "policies.2.spend_budget.window",
    ]);
    expect(issues[1]?.message).toMatch(/^expected one of hour, day, got string "week"/);
  });

  it("keeps every fallback step and the policy's own tier at or below max_tier", () => {
    expect(issuesOf(withPolicy(1, { max_tier: "fast" }))).toEqual([
      expect.objectContaining({ path: "policies.1.max_tier", code: "below_model_tier" }),
      expect.objectContaining({ path: "policies.1.fallback_policy", code: "above_max_tier" }),
    ]);
    expect(
      issuesOf(withPolicy(0, { max_tier: "standard", fallback_steps: ["next_tier", { tier: "strong" }] })),
    ).toEqual([expect.objectContaining({ path: "policies.0.fallback_steps.1", code: "above_max_tier" })]);
    expect(issuesOf(withPolicy(0, { max_tier: "huge" }))).toEqual([
      expect.objectContaining({ path: "policies.0.max_tier", code: "unknown_tier" }),
    ]);
    expect(() => parsePolicyTable(withPolicy(0, { max_tier: "standard" }))).not.toThrow();
  });

  it("refuses a rate limit without rpm or tpm, and one keyed by a provider or model the table never uses", () => {
    const issues = issuesOf({
      ...testTable(),
      rate_limits: {
        scripted: {},
        "scripted/gpt-9": { rpm: 1 },
        openai: { tpm: 5 },
        "scripted/fast-model": { rpm: 1 },
      },
    });
    expect(issues).toEqual([
      { path: "rate_limits.scripted", code: "custom", message: "give rpm, tpm or both" },
      expect.objectContaining({ path: "rate_limits.scripted/gpt-9", code: "unknown_rate_limit_key" }),
      expect.objectContaining({ path: "rate_limits.openai", code: "unknown_rate_limit_key" }),
    ]);
    expect(issues[1]?.message).toContain("known: scripted/fast-model, scripted/standard-model, scripted/strong-model");
  });

  it("accepts a rate limit on a model that only a fallback step names", () => {
    const table = withPolicy(
      0,
      { fallback_steps: [{ model: "backup-model" }, "stop"] },
      {
        rate_limits: { "scripted/backup-model": { rpm: 60 } },
      },
    );
    expect(parsePolicyTable(table).rateLimits).toHaveProperty("scripted/backup-model");
  });

  it("points at the line and column of a fleet field's problem in a YAML table", () => {
    const yaml = [
      "version: 1",
      "tiers:",
      "  fast: { provider: openai, model: gpt-4.1-nano }",
      "  strong: { provider: openai, model: gpt-4.1 }",
      "rate_limits:",
      '  "openai/gpt-4.1": { rpm: 500, tpm: 0 }',
      "policies:",
      "  - id: judge",
      "    version: 1",
      "    task: risk_judgement",
      "    model_tier: strong",
      "    max_input_tokens: 8000",
      "    max_output_tokens: 500",
      "    evidence_required: false",
      "    review_required: false",
      "    fallback_policy: stop",
      "    latency_tier: fast",
      "    spend_budget: { usd: 20, window: day, on_exhausted: degrade, degrade_to: strong }",
      "",
    ].join("\n");
    let error: unknown;
    try {
      parsePolicyTableText(yaml, { source: "fleet.yaml" });
    } catch (caught) {
      error = caught;
    }
    expect(PolicyTableError.isInstance(error)).toBe(true);
    expect((error as PolicyTableError).message.split("\n")).toEqual([
      "invalid policy table fleet.yaml: 2 problems",
      "  ✖ fleet.yaml:6:38 rate_limits.openai/gpt-4.1.tpm: Too small: expected number to be >0",
      '  ✖ fleet.yaml:18:78 policies[0] (judge).spend_budget.degrade_to: degrade_to "strong" is not cheaper than the policy\'s tier "strong" (tiers are declared cheapest first)',
    ]);
  });
});
