import type { RouteResult } from "@modelpolicy/core";
import { runDocumentWorkflows } from "@modelpolicy/example-workflow-kit";
import type { InvoiceDocument } from "../invoices.js";
import { comparePurchaseOrder, type PoComparison } from "./compare-purchase-order.js";
import { decideExceptions, type InvoiceException } from "./decide-exceptions.js";
import { explainExceptions } from "./explain-exceptions.js";
import { explainPoMismatch } from "./explain-po-mismatch.js";
import { extractLineItems, type LineItemExtraction } from "./extract-line-items.js";
import { judgeTax, type TaxJudgement } from "./judge-tax.js";
import { matchSupplier, type SupplierMatch, UNKNOWN_SUPPLIER } from "./match-supplier.js";
import type { WorkflowContext } from "./workflow-context.js";

/** The workflow's name in traces (`gen_ai.workflow.name`). */
export const WORKFLOW_NAME = "invoice_processing";

/** Everything the workflow established about one invoice; steps that failed or did not apply are absent. */
export interface InvoiceAnalysis {
  readonly invoice: InvoiceDocument;
  supplier?: RouteResult<SupplierMatch>;
  /** The matched supplier id, `unknown`, or `undefined` when matching failed. */
  supplierId: string | undefined;
  extraction?: RouteResult<LineItemExtraction>;
  tax?: RouteResult<TaxJudgement>;
  comparison?: PoComparison;
  poExplanation?: RouteResult<string>;
  exceptions: InvoiceException[];
  explanation?: RouteResult<string>;
  failures: { task: string; message: string }[];
  /** `approve` only with no exception and no routed call sent to review. */
  decision: "approve" | "hold";
}

/**
 * Runs the workflow over a batch. Supplier matching and extraction run for all invoices at once
 * (the policies' latency tiers bound how many calls are in flight); the later steps take the
 * invoices one at a time, the way an approver's queue does. Policy code compares the PO and
 * decides the exceptions; models are called for the tax judgement, and only to explain what
 * code found. An invoice from an unknown supplier is extracted for the reviewer but not judged
 * or matched: there is no supplier to book it against. Each invoice is one workflow run
 * (`invoke_workflow invoice_processing`, keyed by its id), so its routed calls are one trace.
 */
export async function processInvoices(
  context: WorkflowContext,
  invoices: readonly InvoiceDocument[],
): Promise<InvoiceAnalysis[]> {
  const analyses: InvoiceAnalysis[] = invoices.map((invoice) => ({
    invoice,
    supplierId: undefined,
    exceptions: [],
    failures: [],
    decision: "hold",
  }));
  await runDocumentWorkflows(WORKFLOW_NAME, analyses, (analysis) => analysis.invoice.id, {
    async concurrent(analysis) {
      const [supplier, extraction] = await Promise.all([
        step(analysis, "supplier_matching", () => matchSupplier(context, analysis.invoice)),
        step(analysis, "line_item_extraction", () => extractLineItems(context, analysis.invoice)),
      ]);
      analysis.supplier = supplier;
      analysis.supplierId = complete(supplier)?.supplier_id;
      analysis.extraction = extraction;
    },
    sequential: (analysis) => finishInvoice(context, analysis),
  });
  return analyses;
}

async function finishInvoice(context: WorkflowContext, analysis: InvoiceAnalysis): Promise<void> {
  const { invoice, supplierId } = analysis;
  const extraction = complete(analysis.extraction);
  const supplier = context.masterData.suppliers.suppliers.find((entry) => entry.id === supplierId);
  if (supplier) {
    analysis.tax = await step(analysis, "tax_ambiguity", () =>
      judgeTax(context, invoice, {
        supplier,
        buyer: context.masterData.suppliers.buyer,
        grossTotal: extraction?.gross_total ?? null,
      }),
    );
    if (extraction) {
      analysis.comparison = comparePurchaseOrder(extraction, supplierId, context.masterData.purchaseOrders);
      const comparison = analysis.comparison;
      if (comparison.mismatches.length > 0) {
        analysis.poExplanation = await step(analysis, "po_matching", () =>
          explainPoMismatch(context, invoice, comparison),
        );
      }
    }
  }
  analysis.exceptions = decideExceptions({
    supplierId: supplierId === UNKNOWN_SUPPLIER ? UNKNOWN_SUPPLIER : supplier?.id,
    extraction,
    evidenceCoverage: analysis.extraction?.evidence.coverage,
    comparison: analysis.comparison,
    tax: complete(analysis.tax),
    failedSteps: analysis.failures.map((failure) => failure.task),
  });
  if (analysis.exceptions.length > 0) {
    analysis.explanation = await step(analysis, "exception_handling", () =>
      explainExceptions(context, invoice, analysis.exceptions),
    );
  }
  const reviewed = context.log.forInvoice(invoice.id).some((entry) => entry.record.review.triggered);
  analysis.decision = analysis.exceptions.length === 0 && !reviewed ? "approve" : "hold";
}

/** The output of a call that returned a complete answer; `undefined` for a partial one. */
export function complete<R extends RouteResult<unknown>>(result: R | undefined): CompleteOutput<R> | undefined {
  return result && result.outcome !== "partial" ? (result.output as CompleteOutput<R>) : undefined;
}

/** The output type of a routed call's complete (not partial) answer. */
export type CompleteOutput<R> =
  Extract<R, { outcome: "ok" | "fallback_ok" | "review" }> extends { output: infer T } ? T : never;

async function step<T>(analysis: InvoiceAnalysis, task: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    analysis.failures.push({ task, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
