import type { FieldEvidence } from "@modelpolicy/core";
import type { DocumentType } from "../playbook.js";
import type { Extraction, ExtractionField } from "./extract-fields.js";

/** The exceptions policy code raises; the model only ever explains them. */
export type ExceptionKind =
  | "unknown_document_type"
  | "missing_required_field"
  | "unverified_required_field"
  | "amended_agreement_not_found"
  | "amendment_conflict"
  | "step_failed";

/** One exception, with the fields it is about and a plain statement of the facts. */
export interface ContractException {
  readonly kind: ExceptionKind;
  readonly fields: readonly string[];
  readonly detail: string;
}

/** Fields a document of each type must state before it can be approved without an exception. */
export const REQUIRED_FIELDS: Readonly<Record<DocumentType, readonly ExtractionField[]>> = {
  msa: ["parties", "effective_date", "payment_terms_days", "termination_notice_days", "liability_cap", "governing_law"],
  nda: ["parties", "effective_date", "governing_law", "confidentiality_years"],
  sow: ["parties", "effective_date", "total_amount", "payment_terms_days"],
  amendment: ["parties", "effective_date", "amends"],
  unknown: [],
};

/** Terms an amendment may change; a change to any of them conflicts with the agreement as signed. */
export const CONFLICT_FIELDS: readonly ExtractionField[] = [
  "payment_terms_days",
  "termination_notice_days",
  "liability_cap",
  "auto_renewal",
  "governing_law",
];

/** What the rules look at. */
export interface ExceptionFacts {
  readonly type: DocumentType;
  readonly extraction: Extraction | undefined;
  /** The extraction's per-field evidence as the router verified it. */
  readonly evidence: readonly FieldEvidence[];
  /** For an amendment: the fields of the agreement it amends (`null` if none was found). */
  readonly amended?: Extraction | null;
  /** Steps that failed outright. */
  readonly failedSteps: readonly string[];
}

/**
 * Decides a document's exceptions with plain rules, before any model sees it: a model may
 * explain an exception but never decides whether there is one, so the decision is testable,
 * reviewable and identical on every run. The rules: an unknown type, a required field missing
 * or without verified evidence, an amendment whose agreement is missing, every term an
 * amendment changes, and a workflow step that failed.
 */
export function decideExceptions(facts: ExceptionFacts): ContractException[] {
  const exceptions: ContractException[] = [];
  if (facts.type === "unknown") {
    exceptions.push({ kind: "unknown_document_type", fields: [], detail: "the document is not a known contract type" });
  }
  for (const step of facts.failedSteps) {
    exceptions.push({ kind: "step_failed", fields: [], detail: `${step} failed; its result is missing` });
  }
  const extraction = facts.extraction;
  if (extraction) {
    const required = REQUIRED_FIELDS[facts.type];
    const missing = required.filter((field) => isEmpty(extraction[field]));
    if (missing.length > 0) {
      exceptions.push({ kind: "missing_required_field", fields: missing, detail: `not stated: ${missing.join(", ")}` });
    }
    const unverified = required.filter(
      (field) => !missing.includes(field) && facts.evidence.some((entry) => entry.field === field && !entry.verified),
    );
    if (unverified.length > 0) {
      exceptions.push({
        kind: "unverified_required_field",
        fields: unverified,
        detail: `no verbatim evidence for: ${unverified.join(", ")}`,
      });
    }
  }
  if (facts.type === "amendment") {
    if (!facts.amended) {
      exceptions.push({
        kind: "amended_agreement_not_found",
        fields: [],
        detail: "the amended agreement is not in the batch",
      });
    } else if (extraction) {
      for (const field of CONFLICT_FIELDS) {
        const before = facts.amended[field];
        const after = extraction[field];
        if (isEmpty(after) || JSON.stringify(before) === JSON.stringify(after)) continue;
        exceptions.push({
          kind: "amendment_conflict",
          fields: [field],
          detail: `${field}: agreement ${describe(before)} -> amendment ${describe(after)}`,
        });
      }
    }
  }
  return exceptions;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "not stated";
  if (typeof value !== "object") return String(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== null)
    .map(([key, entry]) => `${key}=${String(entry)}`)
    .join(" ");
}
