import {
  type RoutedCallSummary,
  type RunFacts,
  type RunSummary,
  summariseRecord,
  summariseRun,
} from "@modelpolicy/example-workflow-kit";
import type { CallLog } from "./call-log.js";
import type { DocumentAnalysis } from "./workflow/analyse-contracts.js";

/** One routed call as the summary reports it, flat, for tests to compare with exported spans. */
export interface SummaryCall extends RoutedCallSummary {
  task: string;
  documentId: string;
}

/**
 * The machine-readable result of a run (written when `MODELPOLICY_DEMO_SUMMARY=<path>` is set):
 * what the router did per call, so an end-to-end test can hold the exported telemetry against
 * the workflow's own account of it.
 */
export interface DemoSummary extends RunSummary<SummaryCall> {
  documents: { id: string; type: string; riskLevel: string | null; exceptions: string[]; reviewTasks: string[] }[];
}

/** Builds the summary from the run's facts, the call log and the analyses. */
export function buildSummary(input: RunFacts & { log: CallLog; analyses: readonly DocumentAnalysis[] }): DemoSummary {
  const calls = input.log.entries.map(({ task, documentId, record }) => ({
    task,
    documentId,
    ...summariseRecord(record),
  }));
  return summariseRun(input, calls, {
    documents: input.analyses.map((analysis) => ({
      id: analysis.document.id,
      type: analysis.type,
      riskLevel: analysis.risk?.output?.risk_level ?? null,
      exceptions: analysis.exceptions.map((exception) => exception.kind),
      reviewTasks: input.log
        .forDocument(analysis.document.id)
        .filter((entry) => entry.record.review.triggered)
        .map((entry) => entry.task),
    })),
  });
}
