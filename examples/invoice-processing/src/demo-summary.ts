import {
  type RoutedCallSummary,
  type RunFacts,
  type RunSummary,
  summariseRecord,
  summariseRun,
} from "@modelpolicy/example-workflow-kit";
import type { CallLog } from "./call-log.js";
import type { InvoiceAnalysis } from "./workflow/process-invoices.js";

/** One routed call as the summary reports it, flat, for tests to compare with exported telemetry. */
export interface SummaryCall extends RoutedCallSummary {
  task: string;
  invoiceId: string;
  durationMs: number;
}

/**
 * The machine-readable result of a run (written when `MODELPOLICY_DEMO_SUMMARY=<path>` is set,
 * the same variable and shape as the contract demo's): what the router did per call, so an
 * end-to-end test can hold the ledger, the metrics and the traces against the workflow's own
 * account of it.
 */
export interface DemoSummary extends RunSummary<SummaryCall> {
  invoices: { id: string; supplierId: string | null; decision: string; exceptions: string[]; reviewTasks: string[] }[];
}

/** Builds the summary from the run's facts, the call log and the analyses. */
export function buildSummary(input: RunFacts & { log: CallLog; analyses: readonly InvoiceAnalysis[] }): DemoSummary {
  const calls = input.log.entries.map(({ task, invoiceId, record }) => ({
    task,
    invoiceId,
    ...summariseRecord(record),
    durationMs: record.durationMs,
  }));
  return summariseRun(input, calls, {
    invoices: input.analyses.map((analysis) => ({
      id: analysis.invoice.id,
      supplierId: analysis.supplierId ?? null,
      decision: analysis.decision,
      exceptions: analysis.exceptions.map((exception) => exception.kind),
      reviewTasks: input.log
        .forInvoice(analysis.invoice.id)
        .filter((entry) => entry.record.review.triggered)
        .map((entry) => entry.task),
    })),
  });
}
