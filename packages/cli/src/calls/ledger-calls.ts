import { readLedgerSql } from "../ledger/ledger-columns.js";
import { selectLedgerFiles } from "../ledger/ledger-files.js";
import { type LedgerFilter, ledgerFilterSql, runLedgerQuery } from "../ledger/run-ledger-query.js";
import { type CallSummary, FAILED_OUTCOMES, traceLink } from "./call-summary.js";

/** What `calls` asks of the ledger. */
export interface LedgerCallsQuery extends LedgerFilter {
  readonly failedOnly: boolean;
  readonly limit: number;
  readonly jaegerUi: string;
}

/**
 * The most recent routed calls in the ledger, newest first; with `failedOnly`, those that failed,
 * were rejected or needed a fallback. A top-N over the scan, so it stays fast on big ledgers.
 */
export async function ledgerCalls(dir: string, query: LedgerCallsQuery): Promise<CallSummary[]> {
  const files = await selectLedgerFiles(dir, query.since, query.until);
  if (files.length === 0) return [];
  const { condition, parameters } = ledgerFilterSql(query);
  const failed = query.failedOnly
    ? ` AND (outcome IN (${FAILED_OUTCOMES.map((outcome) => `'${outcome}'`).join(", ")}) OR fallback_used)`
    : "";
  const source = readLedgerSql(files, [
    "time",
    "service",
    "task",
    "policy_id",
    "policy_version",
    "outcome",
    "fallback_used",
    "fallback_reason",
    "error_type",
    "model_served",
    "trace_id",
    "stream",
    "time_to_first_chunk_s",
  ]);
  const rows = await runLedgerQuery(
    `SELECT time, task, policy_id, policy_version, outcome, fallback_used,
       coalesce(error_type, fallback_reason) AS reason, model_served, trace_id,
       CASE WHEN stream THEN time_to_first_chunk_s * 1000 END AS time_to_first_chunk_ms
     FROM ${source} WHERE ${condition}${failed}
     ORDER BY time DESC LIMIT ${Math.max(0, Math.trunc(query.limit))}`,
    parameters,
  );
  return rows.map((row) => ({
    time: String(row.time),
    task: text(row.task),
    policy_id: text(row.policy_id),
    policy_version: text(row.policy_version),
    outcome: text(row.outcome),
    fallback_used: typeof row.fallback_used === "boolean" ? row.fallback_used : null,
    reason: text(row.reason),
    model_served: text(row.model_served),
    trace_id: text(row.trace_id),
    time_to_first_chunk_ms: typeof row.time_to_first_chunk_ms === "number" ? row.time_to_first_chunk_ms : null,
    link: traceLink(query.jaegerUi, text(row.trace_id)),
  }));
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
