import { describe, expect, it } from "vitest";
import { checkEvidence } from "./evidence-check.js";

const sources = [
  { id: "msa", text: "The Supplier's total liability shall not exceed\n  the fees paid in the twelve (12) months." },
  { id: "nda", text: "This Agreement renews automatically for successive one-year terms." },
];

describe("checkEvidence", () => {
  it("verifies quotes with whitespace and case normalised", () => {
    const report = checkEvidence(
      {
        liability_cap: "12 months of fees",
        renewal: "auto",
        evidence: [
          { field: "liability_cap", source_id: "msa", quote: "total liability shall NOT exceed the fees paid" },
          { field: "renewal", source_id: "nda", quote: "renews   automatically" },
        ],
      },
      sources,
    );
    expect(report.coverage).toBe(1);
    expect(report.unverified).toEqual([]);
  });

  it("counts a paraphrase, a wrong source and a missing ref as gaps", () => {
    const report = checkEvidence(
      {
        liability_cap: "12 months",
        renewal: "auto",
        governing_law: "Delaware",
        party: null,
        evidence: [
          { field: "liability_cap", source_id: "msa", quote: "liability is capped at a year of fees" },
          { field: "renewal", source_id: "msa", quote: "renews automatically" },
        ],
      },
      sources,
    );
    expect(report.fields.map((field) => [field.field, field.verified])).toEqual([
      ["liability_cap", false],
      ["renewal", false],
      ["governing_law", false],
    ]);
    expect(report.coverage).toBe(0);
    expect(report.unverified).toHaveLength(2);
  });

  it("gives per-field coverage for the fields asked", () => {
    const report = checkEvidence(
      {
        a: 1,
        b: 2,
        evidence: [{ field: "a", source_id: "nda", quote: "successive one-year terms" }],
      },
      sources,
      ["a", "b"],
    );
    expect(report.coverage).toBe(0.5);
    expect(report.missingFields).toEqual(["b"]);
  });
});
