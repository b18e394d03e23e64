import { describe, expect, it } from "vitest";
import { PolicyTableError } from "../errors/policy-table-error.js";
import { parsePolicyTableText } from "./policy-table.js";

function rejection(text: string, format?: "yaml" | "json"): PolicyTableError {
  try {
    parsePolicyTableText(text, { source: "table.yaml", format });
  } catch (error) {
    if (PolicyTableError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected the table to be rejected");
}

function issuesOf(text: string, format?: "yaml" | "json") {
  return rejection(text, format).issues.map((issue) => ({
    path: issue.path.join("."),
    line: issue.line,
    column: issue.column,
    message: issue.message,
  }));
}

// Line numbers matter below: keep this text as it is.
const THREE_PROBLEMS = `version: "1"
tiers:
  fast: { provider: openai, model: gpt-4.1-nano }
policies:
  - id: contracts.classify
    version: 3
    task: document_classification
    model_tier: fast
    max_input_tokens: 6000
    max_output_tokens: 800
    evidence_required: false
    review_required: false
    fallback_policy: stop
    latency_tier: fast
    temprature: 0.2
  - id: contracts.risk
    version: 1
    task: risk_judgement
    model_tier: fast
    max_input_tokens: 6000
    max_output_tokens: lots
    review_required: false
    fallback_policy: stop
    latency_tier: fast
`;

describe("parsePolicyTableText: every problem with its line and column", () => {
  it("names an unknown key with the closest known one, a missing field as required, and a wrong type", () => {
    expect(issuesOf(THREE_PROBLEMS)).toEqual([
      {
        path: "policies.0.temprature",
        line: 15,
        column: 5,
        message: 'unknown key "temprature"; did you mean "temperature"?',
      },
      { path: "policies.1.evidence_required", line: 16, column: 5, message: "required but missing (expected boolean)" },
      { path: "policies.1.max_output_tokens", line: 21, column: 24, message: 'expected number, got string "lots"' },
    ]);
  });

  it("prints each problem as source:line:column and the path with the policy's id", () => {
    expect(rejection(THREE_PROBLEMS).message.split("\n")).toEqual([
      "invalid policy table table.yaml: 3 problems",
      '  ✖ table.yaml:15:5 policies[0] (contracts.classify).temprature: unknown key "temprature"; did you mean "temperature"?',
      "  ✖ table.yaml:16:5 policies[1] (contracts.risk).evidence_required: required but missing (expected boolean)",
      '  ✖ table.yaml:21:24 policies[1] (contracts.risk).max_output_tokens: expected number, got string "lots"',
    ]);
  });

  it("suggests known keys in nested mappings, and known values for enums and fallback steps", () => {
    const text = THREE_PROBLEMS.replace("model: gpt-4.1-nano", "modle: gpt-4.1-nano")
      .replace(
        "fallback_policy: stop\n    latency_tier: fast\n    temprature",
        "fallback_policy: stpo\n    latency_tier: fast\n    temperature",
      )
      .replace(
        "max_output_tokens: lots",
        "max_output_tokens: 100\n    evidence_required: true\n    fallback_steps: [nxt_tier]",
      );
    const issues = issuesOf(text);
    expect(issues).toEqual([
      expect.objectContaining({
        path: "tiers.fast.model",
        line: 3,
        column: 9,
        message: "required but missing (expected string)",
      }),
      expect.objectContaining({
        path: "tiers.fast.modle",
        line: 3,
        column: 29,
        message: expect.stringContaining('did you mean "model"?'),
      }),
      expect.objectContaining({
        path: "policies.0.fallback_policy",
        line: 13,
        column: 22,
        message: expect.stringContaining('did you mean "stop"?'),
      }),
      expect.objectContaining({
        path: "policies.1.fallback_steps.0",
        line: 23,
        column: 22,
        message: expect.stringContaining('did you mean "next_tier"?'),
      }),
    ]);
  });

  it("lists known keys when no key is close", () => {
    const [issue] = issuesOf(
      THREE_PROBLEMS.replace("temprature: 0.2", "colour: blue").replace(
        "max_output_tokens: lots",
        "max_output_tokens: 5\n    evidence_required: true",
      ),
    );
    expect(issue?.message).toMatch(/^unknown key "colour" \(known: id, version, task, .*temperature\)$/);
  });

  it("places cross-field problems too", () => {
    const text = THREE_PROBLEMS.replace("temprature: 0.2", "temperature: 0.2")
      .replace("max_output_tokens: lots", "max_output_tokens: 5\n    evidence_required: true")
      .replace(
        "model_tier: fast\n    max_input_tokens: 6000\n    max_output_tokens: 5",
        "model_tier: huge\n    max_input_tokens: 6000\n    max_output_tokens: 5",
      );
    expect(issuesOf(text)).toEqual([expect.objectContaining({ path: "policies.1.model_tier", line: 19, column: 17 })]);
  });

  it("keeps the position of every YAML syntax error", () => {
    const issues = issuesOf("version: 1\ntiers:\n  fast: { provider: openai\npolicies: [\n");
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.line).toBeGreaterThan(0);
      expect(issue.column).toBeGreaterThan(0);
      expect(issue.message).toMatch(/^not valid YAML: \S.*[^:]$/);
    }
    // The user's report: "at line 6, column 8:" and then nothing. The position and the reason both stay.
    expect(rejection("a: 1\n  b: 2\n").message.split("\n")[1]).toBe(
      "  ✖ table.yaml:1:4: not valid YAML: Nested mappings are not allowed in compact mappings",
    );
  });

  it("places problems in JSON text as well", () => {
    const json = `{
  "version": "1",
  "tiers": { "fast": { "provider": "openai", "model": "gpt-4.1-nano" } },
  "policies": [{ "id": "a", "version": 1, "task": "a", "model_tier": "fast", "max_input_tokens": "x" }]
}`;
    const issues = issuesOf(json, "json");
    expect(issues.find((issue) => issue.path === "policies.0.max_input_tokens")).toMatchObject({ line: 4, column: 98 });
    expect(issuesOf('{ "version": 1,\n}', "json")[0]).toMatchObject({ line: 2, column: 1 });
  });
});
