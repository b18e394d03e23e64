import { writeFile } from "node:fs/promises";
import type { CallLog } from "./call-log.js";
import type { TaskStats } from "./task-stats.js";
import type { InvoiceAnalysis } from "./workflow/process-invoices.js";

/** One routed call as the summary reports it, flat, for tests to compare with exported telemetry. */
export interface SummaryCall {
  task: string;
  invoiceId: string;
  policy: string;
  outcome: string;
  attempts: number;
  modelRequested: string;
  modelServed: string | null;
  fallbackUsed: boolean;
  fallbackReason: string | null;
  reviewTriggered: boolean;
  reviewReasons: string[];
  evidenceCoverage: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  durationMs: number;
}

/**
 * The machine-readable result of a run (written when `MODELPOLICY_DEMO_SUMMARY=<path>` is set,
 * the same variable and shape as the contract demo's): what the router did per call, so an
 * end-to-end test can hold the ledger, the metrics and the traces against the workflow's own
 * account of it.
 */
export interface DemoSummary {
  provider: "simulated" | "openai-compatible";
  baseURL: string;
  routedCalls: number;
  calls: SummaryCall[];
  tasks: TaskStats[];
  invoices: { id: string; supplierId: string | null; decision: string; exceptions: string[]; reviewTasks: string[] }[];
  simulatorFaults: { model: string; kind: string; injected: number }[] | null;
}

/** Builds the summary from the call log and the analyses. */
export function buildSummary(input: {
  provider: DemoSummary["provider"];
  baseURL: string;
  log: CallLog;
  tasks: TaskStats[];
  analyses: readonly InvoiceAnalysis[];
  simulatorFaults: DemoSummary["simulatorFaults"];
}): DemoSummary {
  const calls = input.log.entries.map(({ task, invoiceId, record }) => ({
    task,
    invoiceId,
    policy: `${record.policy.id}@${record.policy.version}`,
    outcome: record.outcome,
    attempts: record.attempts.filter((attempt) => attempt.outcome !== "skipped").length,
    modelRequested: record.modelRequested,
    modelServed: record.modelServed ?? null,
    fallbackUsed: record.fallback.used,
    fallbackReason: record.fallback.reason ?? null,
    reviewTriggered: record.review.triggered,
    reviewReasons: [...record.review.reasons],
    evidenceCoverage: record.evidence.coverage ?? null,
    inputTokens: record.usage.inputTokens,
    outputTokens: record.usage.outputTokens,
    costUsd: record.costUsd,
    durationMs: record.durationMs,
  }));
  return {
    provider: input.provider,
    baseURL: input.baseURL,
    routedCalls: calls.length,
    calls,
    tasks: input.tasks,
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
    simulatorFaults: input.simulatorFaults,
  };
}

/** Writes the summary as pretty JSON. */
export async function writeSummary(path: string, summary: DemoSummary): Promise<void> {
  await writeFile(path, `${JSON.stringify(summary, null, 2)}\n`, "utf8");
}
