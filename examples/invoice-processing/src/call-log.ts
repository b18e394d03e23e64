import type { RouteRecord } from "@modelpolicy/core";

/** One routed call of the workflow: which task, for which invoice, and what the router did. */
export interface RoutedCallEntry {
  readonly task: string;
  readonly invoiceId: string;
  readonly record: RouteRecord;
  /** The call ended in a `RoutedCallError` (its record is still here). */
  readonly failed: boolean;
}

/**
 * Every routed call of a run, successes and failures alike, in completion order. The per-task
 * table is computed from these router records rather than from telemetry, so the demo's numbers
 * and the ledger, the metrics and the traces can be checked against each other.
 */
export class CallLog {
  readonly entries: RoutedCallEntry[] = [];

  add(task: string, invoiceId: string, record: RouteRecord, failed: boolean): void {
    this.entries.push({ task, invoiceId, record, failed });
  }

  /** Calls made for one invoice, in completion order. */
  forInvoice(invoiceId: string): RoutedCallEntry[] {
    return this.entries.filter((entry) => entry.invoiceId === invoiceId);
  }
}
