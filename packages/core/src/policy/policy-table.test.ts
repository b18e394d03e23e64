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

function withPolicy(index: number, patch: Record<string, unknown>) {
  const table = testTable();
  const policies = table.policies.map((policy, i) => (i === index ? { ...policy, ...patch } : policy));
  return { ...table, policies };
}

describe("parsePolicyTable", () => {
  it("accepts a valid table, applies defaults and digests each policy", () => {
    const table = parsePolicyTable(testTable());
    expect(table.version).toBe("2026-11-01");
    expect(table.tierOrder).toEqual(["fast", "standard", "strong"]);
    const classify = table.policyFor("classification");
    expect(classify?.on_budget_exceeded).toBe("reject");
    expect(classify?.retry.repair_attempts).toBe(1);
    expect(classify?.digest).toMatch(/^[0-9a-f]{16}$/);
  });

  it("gives the same digest for the same content and a new one for an edit", () => {
    const a = parsePolicyTable(testTable()).policyFor("classification")?.digest;
    const b = parsePolicyTable(testTable()).policyFor("classification")?.digest;
    const edited = parsePolicyTable(withPolicy(0, { max_output_tokens: 300 })).policyFor("classification")?.digest;
    expect(a).toBe(b);
    expect(edited).not.toBe(a);
  });

  it("gives a new digest when the model a policy resolves to changes, and only then", () => {
    const table = testTable();
    const digests = (tiers: typeof table.tiers) => {
      const loaded = parsePolicyTable({ ...table, tiers });
      return loaded.policies.map((policy) => policy.digest);
    };
    const [classify, extract, risk] = digests(table.tiers);
    // classify runs on fast and falls back to standard (next_tier); extract runs on standard.
    const fastModel = digests({ ...table.tiers, fast: { provider: "scripted", model: "gpt-4o-mini" } });
    expect(fastModel[0]).not.toBe(classify);
    expect(fastModel.slice(1)).toEqual([extract, risk]);
    const standardProvider = digests({ ...table.tiers, standard: { provider: "azure", model: "standard-model" } });
    expect(standardProvider[0]).not.toBe(classify);
    expect(standardProvider[1]).not.toBe(extract);
    expect(standardProvider[2]).toBe(risk);
  });

  it("lists the models a policy resolves to: its tier, then each fallback target", () => {
    const table = parsePolicyTable(
      withPolicy(0, { fallback_steps: ["next_tier", { model: "backup-model" }, { tier: "strong" }, "partial"] }),
    );
    expect(table.policyFor("classification")?.models).toEqual([
      { provider: "scripted", model: "fast-model" },
      { provider: "scripted", model: "standard-model" },
      { provider: "scripted", model: "backup-model" },
      { provider: "scripted", model: "strong-model" },
    ]);
    expect(table.policyFor("risk_judgement")?.models).toEqual([{ provider: "scripted", model: "strong-model" }]);
  });

  it("reads numeric versions as strings", () => {
    const table = parsePolicyTable({ ...testTable(), version: 7 });
    expect(table.version).toBe("7");
  });

  it("names a wrong type and a missing field with their paths", () => {
    const issues = issuesOf(withPolicy(1, { max_input_tokens: "lots", evidence_required: undefined }));
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(["policies.1.max_input_tokens", "policies.1.evidence_required"]),
    );
    const error = (() => {
      try {
        parsePolicyTable(withPolicy(1, { evidence_required: undefined }));
      } catch (caught) {
        return caught as PolicyTableError;
      }
    })();
    expect(error?.issues).toEqual([
      {
        path: ["policies", 1, "evidence_required"],
        policyId: "extract",
        code: "invalid_type",
        message: "required but missing (expected boolean)",
      },
    ]);
  });

  it("rejects unknown keys, so a typo is not silently ignored", () => {
    const issues = issuesOf(withPolicy(0, { max_output_token: 5 }));
    expect(issues[0]).toEqual({
      path: "policies.0.max_output_token",
      code: "unrecognized_keys",
      message: 'unknown key "max_output_token"; did you mean "max_output_tokens"?',
    });
  });

  it("lists every cross-field problem at once", () => {
    const table = testTable();
    const broken = {
      ...table,
      unknown_task: "missing-policy",
      policies: [
        ...table.policies,
        { ...table.policies[0], model_tier: "huge", latency_tier: "warp" },
        { ...table.policies[1], id: "other", max_output_tokens: 9_999_999, model_tier: "fast" },
      ],
    };
    const codes = issuesOf(broken).map((issue) => `${issue.path} ${issue.code}`);
    expect(codes).toEqual([
      "policies.3.id duplicate_id",
      "policies.3.task duplicate_task",
      "policies.3.model_tier unknown_tier",
      "policies.3.latency_tier unknown_latency_tier",
      "policies.4.task duplicate_task",
      "policies.4.max_output_tokens above_tier_cap",
      "unknown_task unknown_policy",
    ]);
  });

  it("reports schema errors and cross-field errors of other policies in one pass", () => {
    const table = testTable();
    const policies = table.policies.map((policy, i) =>
      i === 0 ? { ...policy, model_tier: "huge" } : i === 2 ? { ...policy, evidence_required: "yes" } : policy,
    );
    expect(issuesOf({ ...table, policies }).map((issue) => `${issue.path} ${issue.code}`)).toEqual([
      "policies.0.model_tier unknown_tier",
      "policies.2.evidence_required invalid_type",
    ]);
  });

  it("names an unknown_task that names no policy even when a policy also fails the schema", () => {
    const broken = { ...withPolicy(2, { evidence_required: "yes" }), unknown_task: "nobody" };
    expect(issuesOf(broken).map((issue) => `${issue.path} ${issue.code}`)).toEqual([
      "policies.2.evidence_required invalid_type",
      "unknown_task unknown_policy",
    ]);
  });

  it("rejects fallback chains naming unknown tiers, cycling, or stepping past the last tier", () => {
    expect(issuesOf(withPolicy(0, { fallback_steps: [{ tier: "galaxy" }] }))[0]).toMatchObject({
      path: "policies.0.fallback_steps.0.tier",
      code: "unknown_tier",
    });
    expect(issuesOf(withPolicy(0, { fallback_steps: ["next_tier", { tier: "fast" }] }))[0]).toMatchObject({
      path: "policies.0.fallback_steps.1",
      code: "fallback_cycle",
    });
    expect(issuesOf(withPolicy(2, { fallback_policy: "next_tier" }))[0]).toMatchObject({
      path: "policies.2.fallback_policy",
      code: "no_next_tier",
    });
    expect(issuesOf(withPolicy(0, { fallback_steps: ["stop", "next_tier"] }))[0]?.code).toBe("unreachable_steps");
  });

  it("rejects review thresholds out of range and unknown error classes", () => {
    const issues = issuesOf(
      withPolicy(0, { review: { evidence_coverage_below: 1.5, confidence_below: -0.1 }, fallback_on: ["teapot"] }),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      "policies.0.fallback_on.0",
      "policies.0.review.confidence_below",
      "policies.0.review.evidence_coverage_below",
    ]);
  });

  it("prints every issue with its path in the message", () => {
    try {
      parsePolicyTable(withPolicy(0, { model_tier: "huge", max_input_tokens: -1 }), "policies.yaml");
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain("invalid policy table policies.yaml");
      expect((error as Error).message).toContain("  ✖ policies[0] (classify).max_input_tokens: Too small");
    }
  });
});

describe("parsePolicyTableText", () => {
  it("loads YAML", () => {
    const yaml = `
version: "1"
tiers:
  fast: { provider: openai, model: gpt-4.1-mini }
policies:
  - id: classify
    version: 1
    task: classification
    model_tier: fast
    max_input_tokens: 1000
    max_output_tokens: 100
    evidence_required: false
    review_required: false
    fallback_policy: stop
    latency_tier: fast
`;
    expect(parsePolicyTableText(yaml).policyFor("classification")?.version).toBe("1");
  });

  it.each([
    ["not YAML", "version: [1, 2\n  tiers: {", "syntax"],
    ["a list", "- 1\n- 2\n", "invalid_type"],
    ["null", "null", "invalid_type"],
    ["a scalar", "42", "invalid_type"],
    ["empty", "", "invalid_type"],
    ["oversized", `version: "${"x".repeat(10 * 1024 * 1024)}"`, "too_large"],
  ])("rejects %s with a PolicyTableError", (_name, text, code) => {
    const error = (() => {
      try {
        parsePolicyTableText(text);
      } catch (caught) {
        return caught;
      }
    })();
    expect(PolicyTableError.isInstance(error)).toBe(true);
    expect((error as PolicyTableError).issues[0]?.code).toBe(code);
  });

  it("rejects bytes that are not UTF-8", () => {
    const bytes = new Uint8Array([0x76, 0x65, 0x72, 0xff, 0xfe, 0x3a]);
    expect(() => parsePolicyTableText(bytes)).toThrow(/not valid UTF-8/);
  });

  it("reads a price's cache-write rate, and rejects a negative one", () => {
    const yaml = (rate: number) => `
version: "1"
tiers:
  fast: { provider: anthropic, model: claude-haiku-4-5 }
prices:
  claude-haiku-4-5:
    input_per_million: 1
    output_per_million: 5
    cached_input_per_million: 0.1
    cache_write_input_per_million: ${rate}
policies:
  - id: classify
    version: 1
    task: classification
    model_tier: fast
    max_input_tokens: 1000
    max_output_tokens: 100
    evidence_required: false
    review_required: false
    fallback_policy: stop
    latency_tier: fast
`;
    expect(parsePolicyTableText(yaml(1.25)).prices["claude-haiku-4-5"]?.cache_write_input_per_million).toBe(1.25);
    expect(() => parsePolicyTableText(yaml(-1))).toThrow(/prices\.claude-haiku-4-5\.cache_write_input_per_million/);
  });

  it("reads a price's long-context rates, and names a threshold that is not a positive integer", () => {
    const yaml = (threshold: string) => `
version: "1"
tiers:
  strong: { provider: gemini, model: gemini-2.5-pro }
prices:
  gemini-2.5-pro:
    input_per_million: 1.25
    output_per_million: 10
    long_context: { above_input_tokens: ${threshold}, input_per_million: 2.5, output_per_million: 15 }
policies:
  - id: judge
    version: 1
    task: judgement
    model_tier: strong
    max_input_tokens: 1000
    max_output_tokens: 100
    evidence_required: false
    review_required: false
    fallback_policy: stop
    latency_tier: slow
`;
    expect(parsePolicyTableText(yaml("200000")).prices["gemini-2.5-pro"]?.long_context).toEqual({
      above_input_tokens: 200_000,
      input_per_million: 2.5,
      output_per_million: 15,
    });
    expect(() => parsePolicyTableText(yaml("-5"))).toThrow(/prices\.gemini-2\.5-pro\.long_context\.above_input_tokens/);
  });

  it("reads JSON when asked", () => {
    const table = parsePolicyTableText(JSON.stringify(testTable()), { format: "json" });
    expect(table.policies).toHaveLength(3);
  });
});
