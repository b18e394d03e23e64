import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";
import { countTornLines } from "../ledger/count-torn-lines.js";
import { type LedgerColumn, readLedgerSql } from "../ledger/ledger-columns.js";
import { selectLedgerFiles } from "../ledger/ledger-files.js";
import { type LedgerFilter, type LedgerRow, ledgerFilterSql, runLedgerQuery } from "../ledger/run-ledger-query.js";
import type { GroupColumn } from "../options/group-keys.js";
import { type CostReport, type CostRow, costRowFromTotals, emptyTotals, sortCostRows } from "./cost-row.js";

/** What a ledger cost query found besides the report: lines it had to skip. */
export interface LedgerCostResult {
  readonly report: CostReport;
  /** Torn last lines (a writer crashed mid-record), skipped. */
  readonly tornLines: number;
  /** Other lines that were not ledger records, skipped. */
  readonly malformedLines: number;
}

const FIGURE_COLUMNS: LedgerColumn[] = [
  "time",
  "service",
  "duration_ms",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "fallback_used",
  "review_triggered",
  "outcome",
  "stream",
  "time_to_first_chunk_s",
];

/**
 * Cost per group over the ledger in one DuckDB scan: the groups and the total are two grouping
 * sets of the same pass, and lines that are not records are counted in that pass too (DuckDB's
 * `ignore_errors` yields them as rows of nulls, told apart by a null `schema`).
 */
export async function ledgerCost(
  dir: string,
  by: readonly GroupColumn[],
  filter: LedgerFilter,
): Promise<LedgerCostResult> {
  const files = await selectLedgerFiles(dir, filter.since, filter.until);
  const [tornLines, rows] = await Promise.all([
    countTornLines(files),
    files.length > 0 ? queryFiles(files, by, filter) : [],
  ]);
  const invalid = rows.find((row) => row.valid === false && row.is_total === true);
  const invalidLines = invalid === undefined ? 0 : Number(invalid.calls);
  const groups: CostRow[] = [];
  let total: CostRow = costRowFromTotals({}, emptyTotals());
  for (const row of rows) {
    if (row.valid !== true) continue;
    if (row.is_total === true) total = costRowFromTotals({}, totalsOf(row));
    else
      groups.push(
        costRowFromTotals(Object.fromEntries(by.map((column) => [column, asKey(row[column])])), totalsOf(row)),
      );
  }
  if (invalidLines > 0 && total.calls === 0 && !(await anyRecord(files))) {
    throw new CliError(
      `the ledger ${dir} holds no readable records (${invalidLines} line(s) are not ledger records): is it a ledger folder?`,
      EXIT_CODES.corruptData,
    );
  }
  return {
    report: { source: "ledger", by, rows: sortCostRows(groups, by), total, approximateQuantiles: false },
    tornLines,
    malformedLines: Math.max(0, invalidLines - tornLines),
  };
}

async function queryFiles(
  files: readonly string[],
  by: readonly GroupColumn[],
  filter: LedgerFilter,
): Promise<LedgerRow[]> {
  const { condition, parameters } = ledgerFilterSql(filter);
  const keys = by.join(", ");
  const sql = `
    SELECT schema IS NOT NULL AS valid, GROUPING(${keys}) <> 0 AS is_total, ${keys},
      count(*)::DOUBLE AS calls,
      coalesce(sum(input_tokens), 0)::DOUBLE AS input_tokens,
      coalesce(sum(output_tokens), 0)::DOUBLE AS output_tokens,
      sum(cost_usd)::DOUBLE AS cost_usd,
      count(*) FILTER (WHERE cost_usd IS NULL)::DOUBLE AS unknown_cost_calls,
      count(*) FILTER (WHERE fallback_used)::DOUBLE AS fallback_calls,
      count(*) FILTER (WHERE review_triggered)::DOUBLE AS review_calls,
      count(*) FILTER (WHERE outcome = 'ok')::DOUBLE AS trusted_calls,
      quantile_cont(duration_ms, 0.5)::DOUBLE AS p50_ms,
      quantile_cont(duration_ms, 0.95)::DOUBLE AS p95_ms,
      count(*) FILTER (WHERE stream)::DOUBLE AS streamed_calls,
      (quantile_cont(time_to_first_chunk_s, 0.5) FILTER (WHERE stream) * 1000)::DOUBLE AS ttfc_p50_ms,
      (quantile_cont(time_to_first_chunk_s, 0.95) FILTER (WHERE stream) * 1000)::DOUBLE AS ttfc_p95_ms
    FROM ${readLedgerSql(files, [...FIGURE_COLUMNS, ...by])}
    WHERE schema IS NULL OR (${condition})
    GROUP BY GROUPING SETS ((schema IS NOT NULL, ${keys}), (schema IS NOT NULL))`;
  return runLedgerQuery(sql, parameters);
}

// Whether any line of the files is a record, filters aside: asked only when nothing matched and
// something did not parse, to tell "not a ledger" from "nothing in that window".
async function anyRecord(files: readonly string[]): Promise<boolean> {
  const [row] = await runLedgerQuery(`SELECT count(schema)::DOUBLE AS records FROM ${readLedgerSql(files, [])}`);
  return Number(row?.records ?? 0) > 0;
}

function totalsOf(row: LedgerRow) {
  return {
    calls: Number(row.calls),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
    unknownCostCalls: Number(row.unknown_cost_calls),
    fallbackCalls: Number(row.fallback_calls),
    reviewCalls: Number(row.review_calls),
    trustedCalls: Number(row.trusted_calls),
    p50Ms: row.p50_ms === null ? null : Number(row.p50_ms),
    p95Ms: row.p95_ms === null ? null : Number(row.p95_ms),
    streamedCalls: Number(row.streamed_calls),
    ttfcP50Ms: row.ttfc_p50_ms === null ? null : Number(row.ttfc_p50_ms),
    ttfcP95Ms: row.ttfc_p95_ms === null ? null : Number(row.ttfc_p95_ms),
  };
}

function asKey(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
