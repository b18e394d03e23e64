import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PolicyTableError } from "./errors/policy-table-error.js";
import { parsePolicyTableText } from "./policy/policy-table.js";

// The README's examples are documentation users copy; this keeps them true.
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => ({
  lang: match[1],
  body: match[2] ?? "",
}));
const yamlBlocks = blocks.filter((block) => block.lang === "yaml");

describe("packages/core/README.md", () => {
  it("has a contract-analysis table that loads, with the six routes of the workflow", () => {
    const table = parsePolicyTableText(yamlBlocks[0]?.body ?? "");
    expect(table.policies.map((policy) => policy.task)).toEqual([
      "document_classification",
      "field_extraction",
      "clause_matching",
      "risk_judgement",
      "reviewer_summary",
      "exception_handling",
    ]);
  });

  it("shows exactly the error its invalid table produces", () => {
    const expected = blocks.find((block) => block.lang === "text")?.body.trimEnd();
    let message: string | undefined;
    try {
      parsePolicyTableText(yamlBlocks[1]?.body ?? "", { source: "broken.yaml" });
    } catch (error) {
      if (PolicyTableError.isInstance(error)) message = error.message;
    }
    expect(message).toBe(expected);
  });
});
