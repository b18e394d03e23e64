import { describe, expect, it } from "vitest";
import { testTable } from "../__fixtures__/tables.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { decideReview } from "./review-rules.js";

const table = parsePolicyTable(testTable());
const risk = table.policyFor("risk_judgement")!;
const extract = table.policyFor("extraction")!;
const base = { fallbackUsed: false, partial: false };

describe("decideReview", () => {
  it("reviews risk at or above the threshold only", () => {
    expect(decideReview(risk, { ...base, risk: "medium" }).reasons).toEqual([]);
    expect(decideReview(risk, { ...base, risk: "high" }).reasons).toEqual(["risk"]);
    expect(decideReview(risk, { ...base, risk: "critical" }).reasons).toEqual(["risk"]);
  });

  it("reviews low confidence", () => {
    expect(decideReview(risk, { ...base, confidence: 0.59 }).reasons).toEqual(["low_confidence"]);
    expect(decideReview(risk, { ...base, confidence: 0.6 }).triggered).toBe(false);
  });

  it("reviews an evidence gap when evidence is required", () => {
    expect(decideReview(extract, { ...base, evidenceCoverage: 0.95 }).reasons).toEqual(["evidence_gap"]);
    expect(decideReview(extract, { ...base, evidenceCoverage: 1 }).triggered).toBe(false);
  });

  it("reviews always, on fallback and on partial answers as configured", () => {
    const always = { ...risk, review_required: true, review: { on_fallback: true } };
    expect(decideReview(always, { fallbackUsed: true, partial: true }).reasons).toEqual([
      "always",
      "fallback_used",
      "partial",
    ]);
    expect(decideReview(risk, { fallbackUsed: true, partial: false }).triggered).toBe(false);
  });
});
