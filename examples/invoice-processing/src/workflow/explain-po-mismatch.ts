import type { RouteRequest, RouteResult } from "@modelpolicy/core";
import { routeText } from "@modelpolicy/example-workflow-kit";
import type { InvoiceDocument } from "../invoices.js";
import type { PoComparison } from "./compare-purchase-order.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const PO_MISMATCH_SYSTEM_PROMPT = [
  "Policy code has compared an invoice with our purchase orders and listed the mismatches; you do not decide them.",
  "Explain them for the accounts payable clerk in at most three plain sentences: the likely cause and what to",
  "ask the supplier or the buyer. Name the PO numbers and line descriptions involved. Do not add mismatches.",
].join("\n");

/** What the explanation is given: the facts policy code established, nothing else. */
export interface PoMismatchFacts {
  readonly invoiceId: string;
  readonly poNumber: string | null;
  readonly comparedWith: string | null;
  readonly mismatches: readonly { readonly kind: string; readonly detail: string }[];
}

/** The facts of a comparison as the prompt and the golden examples state them. */
export function poMismatchFacts(invoiceId: string, comparison: PoComparison): PoMismatchFacts {
  return {
    invoiceId,
    poNumber: comparison.poNumber,
    comparedWith: comparison.comparedWith?.number ?? null,
    mismatches: comparison.mismatches.map(({ kind, detail }) => ({ kind, detail })),
  };
}

/** The routed request; the eval suite builds the same one from a golden example's input. */
export function poMismatchRequest(facts: PoMismatchFacts): RouteRequest<undefined> {
  const lines = facts.mismatches.map((mismatch) => `- ${mismatch.kind}: ${mismatch.detail}`);
  return {
    messages: [
      { role: "system", content: PO_MISMATCH_SYSTEM_PROMPT },
      {
        role: "user",
        content: `Document ID: ${facts.invoiceId}\nPO on invoice: ${facts.poNumber ?? "none"}\nCompared with: ${facts.comparedWith ?? "no matching PO"}\nMismatches:\n${lines.join("\n")}`,
      },
    ],
  };
}

/**
 * Step d (the model half): a short explanation of the mismatches `comparePurchaseOrder` found.
 * Called only when there are some; a matching PO costs no model call at all.
 */
export function explainPoMismatch(
  context: WorkflowContext,
  invoice: InvoiceDocument,
  comparison: PoComparison,
): Promise<RouteResult<string>> {
  return routeText(context, invoice.id, "po_matching", poMismatchRequest(poMismatchFacts(invoice.id, comparison)));
}
