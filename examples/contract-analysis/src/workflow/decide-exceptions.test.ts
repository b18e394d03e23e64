import { describe, expect, it } from "vitest";
import { DOCUMENT_IDS } from "../fixtures/document-ids.js";
import { EXTRACTION_ANSWERS } from "../fixtures/extraction-answers.js";
import { decideExceptions } from "./decide-exceptions.js";

const msa = EXTRACTION_ANSWERS[DOCUMENT_IDS.msa]!;
const amendment = EXTRACTION_ANSWERS[DOCUMENT_IDS.amendment]!;
const verified = (fields: string[]) => fields.map((field) => ({ field, verified: true, refs: 1 }));

describe("decideExceptions (policy code, no model)", () => {
  it("raises nothing for a complete, evidenced MSA", () => {
    const evidence = verified([
      "parties",
      "effective_date",
      "payment_terms_days",
      "termination_notice_days",
      "liability_cap",
      "governing_law",
    ]);
    expect(decideExceptions({ type: "msa", extraction: msa, evidence, failedSteps: [] })).toEqual([]);
  });

  it("flags every term an amendment changes against the agreement it amends", () => {
    const exceptions = decideExceptions({
      type: "amendment",
      extraction: amendment,
      evidence: [],
      amended: msa,
      failedSteps: [],
    });
    expect(exceptions.map((exception) => [exception.kind, ...exception.fields])).toEqual([
      ["amendment_conflict", "payment_terms_days"],
      ["amendment_conflict", "termination_notice_days"],
      ["amendment_conflict", "liability_cap"],
      ["amendment_conflict", "auto_renewal"],
    ]);
    expect(exceptions[0]!.detail).toBe("payment_terms_days: agreement 30 -> amendment 75");
  });

  it("flags an amendment whose agreement is not in the batch", () => {
    const exceptions = decideExceptions({
      type: "amendment",
      extraction: amendment,
      evidence: [],
      amended: null,
      failedSteps: [],
    });
    expect(exceptions.map((exception) => exception.kind)).toEqual(["amended_agreement_not_found"]);
  });

  it("flags missing and unverified required fields, an unknown type and failed steps", () => {
    const extraction = { ...msa, governing_law: null };
    const evidence = [{ field: "liability_cap", verified: false, refs: 1 }];
    const kinds = decideExceptions({ type: "msa", extraction, evidence, failedSteps: ["risk_judgement"] }).map(
      (exception) => [exception.kind, ...exception.fields],
    );
    expect(kinds).toEqual([
      ["step_failed"],
      ["missing_required_field", "governing_law"],
      ["unverified_required_field", "liability_cap"],
    ]);
    expect(decideExceptions({ type: "unknown", extraction: undefined, evidence: [], failedSteps: [] })[0]?.kind).toBe(
      "unknown_document_type",
    );
  });
});
