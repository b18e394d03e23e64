import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePolicyTableText } from "../policy/policy-table.js";

// The README's fleet example is documentation users copy; this keeps it loadable.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const fleetExample = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((match) => match[1] ?? "")
  .find((body) => body.includes("rate_limits:"));

describe("the README's fleet-wide limits example", () => {
  it("loads, with its rate limits, spend budgets and tier cap", () => {
    const table = parsePolicyTableText(fleetExample ?? "");
    expect(Object.keys(table.rateLimits)).toEqual(["openai/gpt-4.1", "openai"]);
    expect(table.policyFor("risk_judgement")?.spend_budget).toEqual({
      usd: 40,
      window: "day",
      on_exhausted: "degrade",
      degrade_to: "standard",
    });
    expect(table.policyFor("document_classification")?.max_tier).toBe("standard");
  });
});
