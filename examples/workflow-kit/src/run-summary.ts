import { writeFile } from "node:fs/promises";
import type { RouteRecord } from "@modelpolicy/core";
import type { FaultCount } from "@modelpolicy/simulator";
import type { ProviderChoice } from "./choose-provider.js";
import type { TaskStats } from "./task-stats.js";

/**
 * What the summary says about one routed call, flat, so an end-to-end test can compare it field
 * by field with exported spans, metrics and ledger records. Each example adds the task and the
 * id of the document or invoice the call was for.
 */
export interface RoutedCallSummary {
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

/** Flattens one router record into {@link RoutedCallSummary}; skipped attempts are not counted. */
export function summariseRecord(record: RouteRecord): RoutedCallSummary {
  return {
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
  };
}

/**
 * What the demo skeleton knows when the workflow is done: which provider answered, the per-task
 * rows, and the faults injected (`null` when no simulator was started). Each example turns it
 * into its own summary, adding its calls and per-document or per-invoice results.
 */
export interface RunFacts {
  provider: ProviderChoice["kind"];
  baseURL: string;
  tasks: TaskStats[];
  simulatorFaults: FaultCount[] | null;
}

/**
 * What every example's summary (the `MODELPOLICY_DEMO_SUMMARY` file) has: the provider, one flat
 * entry per routed call, the per-task rows and the injected faults. Examples add their
 * per-document or per-invoice results next to it.
 */
export interface RunSummary<Call> {
  provider: RunFacts["provider"];
  baseURL: string;
  routedCalls: number;
  calls: Call[];
  tasks: TaskStats[];
  simulatorFaults: { model: string; kind: string; injected: number }[] | null;
}

/**
 * Assembles a summary from the run's facts, its calls and the example's own results, with the
 * results between `tasks` and `simulatorFaults` so every summary file reads in the same order.
 */
export function summariseRun<Call, Results extends object>(
  facts: RunFacts,
  calls: Call[],
  results: Results,
): RunSummary<Call> & Results {
  return {
    provider: facts.provider,
    baseURL: facts.baseURL,
    routedCalls: calls.length,
    calls,
    tasks: facts.tasks,
    ...results,
    simulatorFaults: facts.simulatorFaults,
  };
}

/** Writes a run summary as pretty JSON (the file `MODELPOLICY_DEMO_SUMMARY` names). */
export async function writeSummary(path: string, summary: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(summary, null, 2)}\n`, "utf8");
}
