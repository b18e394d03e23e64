import type { GroupColumn } from "../options/group-keys.js";

/**
 * Sums and quantiles of one group, as either source can compute them. Both sources reduce to
 * this, so the derived figures (rates, per-call and per-trusted-unit costs) are computed once,
 * the same way, in {@link costRowFromTotals}.
 */
export interface CostTotals {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Sum of the known costs; `null` when no call of the group has a known cost. */
  readonly costUsd: number | null;
  /** Calls whose cost is unknown (model without a price): the sum above leaves them out. */
  readonly unknownCostCalls: number;
  readonly fallbackCalls: number;
  readonly reviewCalls: number;
  /** Calls with outcome `ok`: the first model's answer, no review, no fallback. */
  readonly trustedCalls: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  /** Calls made with `router.stream` (ledger column `stream`); `null` when the source cannot tell. */
  readonly streamedCalls: number | null;
  /** Time to first chunk of the streamed calls; `null` when there were none or the source lacks it. */
  readonly ttfcP50Ms: number | null;
  readonly ttfcP95Ms: number | null;
}

/**
 * One line of a cost report: the group's key values, then the figures. Keys are snake_case
 * because they are the JSON and CSV column names, like the ledger's. When `cost_known` is false
 * the costs are lower bounds (some calls had no price), never a silent zero.
 */
export interface CostRow {
  readonly group: Readonly<Partial<Record<GroupColumn, string | null>>>;
  readonly calls: number;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cost_usd: number | null;
  readonly cost_known: boolean;
  readonly cost_per_call: number | null;
  readonly fallback_rate: number | null;
  readonly review_rate: number | null;
  readonly p50_ms: number | null;
  readonly p95_ms: number | null;
  /** Cost divided by calls that completed as `ok`; `null` when there were none. */
  readonly cost_per_trusted_unit: number | null;
  /**
   * Calls made with `router.stream`; the two figures after it are over these calls only. `null`
   * from Prometheus, whose series do not say which calls streamed.
   */
  readonly streamed_calls: number | null;
  /** Time to first chunk (call start to the first chunk the caller got) of the streamed calls. */
  readonly ttfc_p50_ms: number | null;
  readonly ttfc_p95_ms: number | null;
}

/** The figure columns of a {@link CostRow}, in output order. */
export const COST_FIGURE_COLUMNS = [
  "calls",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "cost_known",
  "cost_per_call",
  "fallback_rate",
  "review_rate",
  "p50_ms",
  "p95_ms",
  "cost_per_trusted_unit",
  "streamed_calls",
  "ttfc_p50_ms",
  "ttfc_p95_ms",
] as const satisfies readonly (keyof CostRow)[];

/** A cost query's answer: one row per group, biggest cost first, and the total over all of them. */
export interface CostReport {
  readonly source: "ledger" | "prometheus";
  readonly by: readonly GroupColumn[];
  readonly rows: readonly CostRow[];
  readonly total: CostRow;
  /** True when p50/p95 come from histogram buckets (Prometheus) rather than exact durations. */
  readonly approximateQuantiles: boolean;
}

/** Derives a report row from a group's totals. */
export function costRowFromTotals(group: CostRow["group"], totals: CostTotals): CostRow {
  const { calls } = totals;
  const costUsd = totals.costUsd === null ? null : round(totals.costUsd, 10);
  return {
    group,
    calls,
    input_tokens: totals.inputTokens,
    output_tokens: totals.outputTokens,
    cost_usd: costUsd,
    cost_known: totals.unknownCostCalls === 0,
    cost_per_call: costUsd !== null && calls > 0 ? round(costUsd / calls, 10) : null,
    fallback_rate: calls > 0 ? totals.fallbackCalls / calls : null,
    review_rate: calls > 0 ? totals.reviewCalls / calls : null,
    p50_ms: totals.p50Ms === null ? null : round(totals.p50Ms, 3),
    p95_ms: totals.p95Ms === null ? null : round(totals.p95Ms, 3),
    cost_per_trusted_unit:
      costUsd !== null && totals.trustedCalls > 0 ? round(costUsd / totals.trustedCalls, 10) : null,
    streamed_calls: totals.streamedCalls,
    ttfc_p50_ms: totals.ttfcP50Ms === null ? null : round(totals.ttfcP50Ms, 3),
    ttfc_p95_ms: totals.ttfcP95Ms === null ? null : round(totals.ttfcP95Ms, 3),
  };
}

// Sums of doubles drift in the last bits (16.50239999999912); nobody bills below 1e-10 USD.
function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/** Orders rows the way every output shows them: biggest known cost first, then most calls, then by key. */
export function sortCostRows(rows: CostRow[], by: readonly GroupColumn[]): CostRow[] {
  return rows.sort(
    (a, b) =>
      (b.cost_usd ?? -1) - (a.cost_usd ?? -1) ||
      b.calls - a.calls ||
      by.reduce((order, column) => order || compareKeys(a.group[column], b.group[column]), 0),
  );
}

function compareKeys(a: string | null | undefined, b: string | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return a < b ? -1 : 1;
}

/** Totals of no calls at all: the start of every sum, from either source. */
export function emptyTotals(): { -readonly [K in keyof CostTotals]: CostTotals[K] } {
  return {
    calls: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    unknownCostCalls: 0,
    fallbackCalls: 0,
    reviewCalls: 0,
    trustedCalls: 0,
    p50Ms: null,
    p95Ms: null,
    streamedCalls: null,
    ttfcP50Ms: null,
    ttfcP95Ms: null,
  };
}
