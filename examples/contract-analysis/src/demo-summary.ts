import { writeFile } from "node:fs/promises";
import type { CallLog } from "./call-log.js";
import type { TaskStats } from "./task-stats.js";
import type { DocumentAnalysis } from "./workflow/analyse-contracts.js";

/** One routed call as the summary reports it, flat, for tests to compare with exported spans. */
export interface SummaryCall {
  task: string;
  documentId: string;
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
}

/**
 * The machine-readable result of a run (written when `MODELPOLICY_DEMO_SUMMARY=<path>` is set):
 * what the router did per call, so an end-to-end test can hold the exported telemetry against
 * the workflow's own account of it.
 */
export interface DemoSummary {
  provider: "simulated" | "openai-compatible";
  baseURL: string;
  routedCalls: number;
  calls: SummaryCall[];
  tasks: TaskStats[];
  documents: { id: string; type: string; riskLevel: string | null; exceptions: string[]; reviewTasks: string[] }[];
  simulatorFaults: { model: string; kind: string; injected: number }[] | null;
}

/** Builds the summary from the call log and the analyses. */
export function buildSummary(input: {
  provider: DemoSummary["provider"];
  baseURL: string;
  log: CallLog;
  tasks: TaskStats[];
  analyses: readonly DocumentAnalysis[];
  simulatorFaults: DemoSummary["simulatorFaults"];
}): DemoSummary {
  const calls = input.log.entries.map(({ task, documentId, record }) => ({
    task,
    documentId,
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
  }));
  return {
    provider: input.provider,
    baseURL: input.baseURL,
    routedCalls: calls.length,
    calls,
    tasks: input.tasks,
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
    simulatorFaults: input.simulatorFaults,
  };
}

/** Writes the summary as pretty JSON. */
export async function writeSummary(path: string, summary: DemoSummary): Promise<void> {
  await writeFile(path, `${JSON.stringify(summary, null, 2)}\n`, "utf8");
}
