import type { PoComparison } from "./compare-purchase-order.js";
import { normalise } from "./compare-purchase-order.js";
import type { LineItemExtraction } from "./extract-line-items.js";
import type { TaxJudgement } from "./judge-tax.js";

/** The exceptions policy code raises; the model only ever explains them. */
export type InvoiceExceptionKind =
  | "unknown_supplier"
  | "missing_po_number"
  | "po_mismatch"
  | "duplicate_line"
  | "totals_inconsistent"
  | "unverified_evidence"
  | "tax_ambiguous"
  | "step_failed";

/** One exception, with a plain statement of the facts. Every exception holds the payment. */
export interface InvoiceException {
  readonly kind: InvoiceExceptionKind;
  readonly detail: string;
}

/** What the rules look at; absent facts come from steps that did not run or failed. */
export interface ExceptionFacts {
  /** The matched supplier id; `unknown` when the issuer is not in the master. */
  readonly supplierId: string | undefined;
  readonly extraction: LineItemExtraction | undefined;
  /** Evidence coverage of the extraction as the router verified it. */
  readonly evidenceCoverage: number | undefined;
  readonly comparison: PoComparison | undefined;
  readonly tax: TaxJudgement | undefined;
  readonly failedSteps: readonly string[];
}

const CENT = 0.005;

/**
 * Decides an invoice's exceptions with plain rules, before any model sees it: a model may
 * explain an exception but never decides whether there is one, so the payment decision is
 * testable, reviewable and identical on every run. The rules: an issuer not in the supplier
 * master, no PO number, any PO mismatch, two identical lines, lines that do not add up to the
 * net total, a field without verified evidence, a tax judgement that is ambiguous or unclear,
 * and a workflow step that failed.
 */
export function decideExceptions(facts: ExceptionFacts): InvoiceException[] {
  const exceptions: InvoiceException[] = [];
  if (facts.supplierId === "unknown") {
    exceptions.push({ kind: "unknown_supplier", detail: "the issuer is not in the supplier master" });
  }
  for (const step of facts.failedSteps) {
    exceptions.push({ kind: "step_failed", detail: `${step} failed; its result is missing` });
  }
  const extraction = facts.extraction;
  if (extraction) {
    if (extraction.po_number === null) {
      exceptions.push({ kind: "missing_po_number", detail: "the invoice states no purchase order" });
    }
    exceptions.push(...duplicateLines(extraction));
    const sum = extraction.lines.reduce((total, line) => total + line.amount, 0);
    const wrongLines = extraction.lines.filter(
      (line) => Math.abs(line.quantity * line.unit_price - line.amount) > CENT,
    );
    if (wrongLines.length > 0 || (extraction.net_total !== null && Math.abs(sum - extraction.net_total) > CENT)) {
      const positions = wrongLines.map((line) => line.position).join(", ");
      exceptions.push({
        kind: "totals_inconsistent",
        detail: `lines sum to ${sum.toFixed(2)}, net total ${extraction.net_total?.toFixed(2) ?? "not stated"}${positions ? `; quantity x price differs on position ${positions}` : ""}`,
      });
    }
  }
  if (facts.evidenceCoverage !== undefined && facts.evidenceCoverage < 1) {
    exceptions.push({
      kind: "unverified_evidence",
      detail: `only ${Math.round(facts.evidenceCoverage * 100)}% of the extracted fields are quoted verbatim`,
    });
  }
  const comparison = facts.comparison;
  if (comparison && comparison.mismatches.length > 0) {
    exceptions.push({
      kind: "po_mismatch",
      detail: comparison.mismatches.map((mismatch) => mismatch.detail).join("; "),
    });
  }
  if (facts.tax && (facts.tax.ambiguous || facts.tax.treatment === "unclear")) {
    exceptions.push({
      kind: "tax_ambiguous",
      detail: `VAT treatment ${facts.tax.treatment}, judged ${facts.tax.risk_level} risk: ${facts.tax.rationale}`,
    });
  }
  return exceptions;
}

/** Lines with the same description, quantity and unit price: billed twice, unless a person says otherwise. */
function duplicateLines(extraction: LineItemExtraction): InvoiceException[] {
  const seen = new Map<string, number>();
  const exceptions: InvoiceException[] = [];
  for (const line of extraction.lines) {
    const key = JSON.stringify([normalise(line.description), line.quantity, line.unit_price]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, line.position);
    else
      exceptions.push({
        kind: "duplicate_line",
        detail: `position ${line.position} repeats position ${first} ("${line.description}", ${line.quantity} x ${line.unit_price.toFixed(2)})`,
      });
  }
  return exceptions;
}
