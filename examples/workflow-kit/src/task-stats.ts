import type { RouteRecord } from "@modelpolicy/core";

/**
 * The part of a logged routed call the per-task table needs. Each example's call log keeps more
 * (which document or invoice the call was for), and its entries satisfy this shape as they are.
 */
export interface TaskCall {
  readonly task: string;
  readonly record: RouteRecord;
  /** The call ended in a `RoutedCallError` (its record is still here). */
  readonly failed: boolean;
}

/** One row of the per-task table, and of the demo summary's `tasks`, so both report the same numbers. */
export interface TaskStats {
  readonly task: string;
  /** `id@version` of the policy that served the task. */
  readonly policy: string;
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** USD over all calls; `null` when any call's price is unknown (never a silent 0). */
  readonly costUsd: number | null;
  readonly fallbacks: number;
  readonly reviews: number;
  readonly failures: number;
  readonly p50LatencyMs: number;
}

/**
 * Aggregates the router's records per task, in the order given (the policy table's), so the
 * table answers "what did each route cost, how often did it fall back or need a person".
 */
export function taskStats(entries: readonly TaskCall[], taskOrder: readonly string[]): TaskStats[] {
  const tasks = [...new Set([...taskOrder, ...entries.map((entry) => entry.task)])];
  return tasks.flatMap((task) => {
    const records = entries.filter((entry) => entry.task === task).map((entry) => entry.record);
    const first = records[0];
    if (!first) return [];
    let costUsd: number | null = 0;
    for (const record of records)
      costUsd = costUsd === null || record.costUsd === null ? null : costUsd + record.costUsd;
    return [
      {
        task,
        policy: `${first.policy.id}@${first.policy.version}`,
        calls: records.length,
        inputTokens: sum(records.map((record) => record.usage.inputTokens)),
        outputTokens: sum(records.map((record) => record.usage.outputTokens)),
        costUsd,
        fallbacks: records.filter((record) => record.fallback.used).length,
        reviews: records.filter((record) => record.review.triggered).length,
        failures: entries.filter((entry) => entry.task === task && entry.failed).length,
        p50LatencyMs: Math.round(median(records.map((record) => record.durationMs))),
      },
    ];
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The median (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
