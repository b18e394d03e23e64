import type { RouteRecord } from "@modelpolicy/core";

/** One routed call of the workflow: which task, for which document, and what the router did. */
export interface RoutedCallEntry {
  readonly task: string;
  readonly documentId: string;
  readonly record: RouteRecord;
  /** The call ended in a `RoutedCallError` (its record is still here). */
  readonly failed: boolean;
}

/**
 * Every routed call of a run, successes and failures alike, in completion order. The per-task
 * table is computed from these router records rather than from telemetry, so the demo's numbers
 * and the trace can be checked against each other.
 */
export class CallLog {
  readonly entries: RoutedCallEntry[] = [];

  add(task: string, documentId: string, record: RouteRecord, failed: boolean): void {
    this.entries.push({ task, documentId, record, failed });
  }

  /** Calls made for one document, in completion order. */
  forDocument(documentId: string): RoutedCallEntry[] {
    return this.entries.filter((entry) => entry.documentId === documentId);
  }
}
