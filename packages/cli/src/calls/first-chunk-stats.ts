import { readLedgerSql } from "../ledger/ledger-columns.js";
import { selectLedgerFiles } from "../ledger/ledger-files.js";
import { type LedgerFilter, ledgerFilterSql, runLedgerQuery } from "../ledger/run-ledger-query.js";
import type { CallSummary } from "./call-summary.js";

/**
 * Time to first chunk of one task's streamed calls (`router.stream`): from the call's start to
 * the first chunk the caller got, the wait a user of a streaming UI feels, which the call's
 * duration hides. Only streamed calls count, and only those that handed out a chunk.
 */
export interface FirstChunkStats {
  readonly task: string | null;
  readonly streamed_calls: number;
  readonly p50_ms: number | null;
  readonly p95_ms: number | null;
}

/**
 * Per-task time to first chunk over every streamed call of the ledger in the window (not just
 * the listed ones), computed by DuckDB in one scan with exact quantiles, the cost report's way.
 */
export async function ledgerFirstChunkStats(dir: string, filter: LedgerFilter): Promise<FirstChunkStats[]> {
  const files = await selectLedgerFiles(dir, filter.since, filter.until);
  if (files.length === 0) return [];
  const { condition, parameters } = ledgerFilterSql(filter);
  const source = readLedgerSql(files, ["time", "service", "task", "stream", "time_to_first_chunk_s"]);
  const rows = await runLedgerQuery(
    `SELECT task, count(*)::DOUBLE AS streamed_calls,
       (quantile_cont(time_to_first_chunk_s, 0.5) * 1000)::DOUBLE AS p50_ms,
       (quantile_cont(time_to_first_chunk_s, 0.95) * 1000)::DOUBLE AS p95_ms
     FROM ${source} WHERE schema IS NOT NULL AND stream AND ${condition}
     GROUP BY task ORDER BY task NULLS LAST`,
    parameters,
  );
  return rows.map((row) => ({
    task: typeof row.task === "string" ? row.task : null,
    streamed_calls: Number(row.streamed_calls),
    p50_ms: milliseconds(row.p50_ms),
    p95_ms: milliseconds(row.p95_ms),
  }));
}

/**
 * The same figures over calls already fetched (Jaeger answers with a page of traces, not a
 * table to aggregate): quantiles interpolated between the two closest values, as DuckDB's
 * `quantile_cont` does, so both sources agree on the same calls.
 */
export function firstChunkStatsOf(calls: readonly CallSummary[]): FirstChunkStats[] {
  const byTask = new Map<string | null, number[]>();
  for (const call of calls) {
    if (call.time_to_first_chunk_ms === null) continue;
    const times = byTask.get(call.task) ?? [];
    times.push(call.time_to_first_chunk_ms);
    byTask.set(call.task, times);
  }
  return [...byTask.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([task, times]) => ({
      task,
      streamed_calls: times.length,
      p50_ms: quantile(times, 0.5),
      p95_ms: quantile(times, 0.95),
    }));
}

function quantile(values: readonly number[], q: number): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? 0;
  return round(low + ((sorted[upper] ?? low) - low) * (position - lower));
}

function milliseconds(value: unknown): number | null {
  return value === null || value === undefined ? null : round(Number(value));
}

function round(value: number): number {
  return Number(value.toFixed(3));
}
