import type { GroupColumn } from "../options/group-keys.js";
import {
  GROUP_LABELS,
  LABEL_COST_KNOWN,
  LABEL_FALLBACK_USED,
  LABEL_OUTCOME,
  LABEL_REVIEW_TRIGGERED,
  LABEL_SERVICE,
  LABEL_TOKEN_TYPE,
  METRIC_CALLS,
  METRIC_COST,
  METRIC_DURATION_BUCKET,
  METRIC_TOKENS,
} from "../prometheus/prometheus-metrics.js";
import { type PrometheusSample, type PrometheusTarget, prometheusQuery } from "../prometheus/prometheus-query.js";
import { type CostReport, type CostTotals, costRowFromTotals, emptyTotals, sortCostRows } from "./cost-row.js";

/** The window and service a Prometheus cost query covers. */
export interface PrometheusWindow {
  readonly since?: Date | undefined;
  readonly until?: Date | undefined;
  readonly service?: string | undefined;
  /** The clock `--since` ages were measured on; the window ends here when `until` is not given. */
  readonly now?: Date | undefined;
}

type Totals = { -readonly [K in keyof CostTotals]: CostTotals[K] };

/**
 * The same cost report as the ledger's, from the metrics in Prometheus: counters summed by the
 * group labels, as `increase()` over the window when `since` is given (else their values since
 * the services started), durations from the histogram with `histogram_quantile`. Counts from
 * `increase()` are extrapolated, so they are rounded; quantiles are bucket estimates.
 */
export async function prometheusCost(
  target: PrometheusTarget,
  by: readonly GroupColumn[],
  window: PrometheusWindow,
): Promise<CostReport> {
  const labels = by.map((column) => GROUP_LABELS[column]);
  const sumBy = (extra: string[] = []) => `sum by (${[...labels, ...extra].join(", ")})`;
  const at = window.until;
  const series = (metric: string, matchers: string[] = []) => {
    const all = [
      ...(window.service === undefined ? [] : [`${LABEL_SERVICE}=${promString(window.service)}`]),
      ...matchers,
    ];
    const selector = `${metric}{${all.join(", ")}}`;
    if (window.since === undefined) return selector;
    const end = at ?? window.now ?? new Date();
    const seconds = Math.max(1, Math.round((end.getTime() - window.since.getTime()) / 1000));
    return `increase(${selector}[${seconds}s])`;
  };
  const quantile = (q: number, extra: string[]) =>
    `histogram_quantile(${q}, sum by (${[...extra, "le"].join(", ")}) (${series(METRIC_DURATION_BUCKET)}))`;
  const queries = {
    calls: `${sumBy()} (${series(METRIC_CALLS)})`,
    fallback: `${sumBy()} (${series(METRIC_CALLS, [`${LABEL_FALLBACK_USED}="true"`])})`,
    review: `${sumBy()} (${series(METRIC_CALLS, [`${LABEL_REVIEW_TRIGGERED}="true"`])})`,
    trusted: `${sumBy()} (${series(METRIC_CALLS, [`${LABEL_OUTCOME}="ok"`])})`,
    unknownCost: `${sumBy()} (${series(METRIC_CALLS, [`${LABEL_COST_KNOWN}!="true"`])})`,
    cost: `${sumBy()} (${series(METRIC_COST)})`,
    tokens: `${sumBy([LABEL_TOKEN_TYPE])} (${series(METRIC_TOKENS)})`,
    p50: quantile(0.5, labels),
    p95: quantile(0.95, labels),
    totalP50: quantile(0.5, []),
    totalP95: quantile(0.95, []),
  };
  const names = Object.keys(queries) as (keyof typeof queries)[];
  const answers = await Promise.all(names.map((name) => prometheusQuery(target, queries[name], at)));
  const result = Object.fromEntries(names.map((name, index) => [name, answers[index] ?? []])) as Record<
    keyof typeof queries,
    PrometheusSample[]
  >;

  const groups = new Map<string, { group: Record<string, string | null>; totals: Totals; costSeen: boolean }>();
  const entry = (sample: PrometheusSample) => {
    const group = Object.fromEntries(by.map((column, index) => [column, sample.labels[labels[index] ?? ""] || null]));
    const key = JSON.stringify(by.map((column) => group[column]));
    let found = groups.get(key);
    if (found === undefined) {
      found = { group, totals: emptyTotals(), costSeen: false };
      groups.set(key, found);
    }
    return found;
  };
  const add = (
    samples: PrometheusSample[],
    apply: (totals: Totals, value: number, sample: PrometheusSample) => void,
  ) => {
    for (const sample of samples) if (Number.isFinite(sample.value)) apply(entry(sample).totals, sample.value, sample);
  };
  add(result.calls, (totals, value) => {
    totals.calls = Math.round(value);
  });
  add(result.fallback, (totals, value) => {
    totals.fallbackCalls = Math.round(value);
  });
  add(result.review, (totals, value) => {
    totals.reviewCalls = Math.round(value);
  });
  add(result.trusted, (totals, value) => {
    totals.trustedCalls = Math.round(value);
  });
  add(result.unknownCost, (totals, value) => {
    totals.unknownCostCalls = Math.round(value);
  });
  add(result.cost, (totals, value) => {
    totals.costUsd = value;
  });
  add(result.tokens, (totals, value, sample) => {
    if (sample.labels[LABEL_TOKEN_TYPE] === "input") totals.inputTokens += Math.round(value);
    else if (sample.labels[LABEL_TOKEN_TYPE] === "output") totals.outputTokens += Math.round(value);
  });
  add(result.p50, (totals, value) => {
    totals.p50Ms = value * 1000;
  });
  add(result.p95, (totals, value) => {
    totals.p95Ms = value * 1000;
  });

  const total = emptyTotals();
  const rows = [];
  for (const { group, totals } of groups.values()) {
    // The cost counter only adds known prices: with no known-cost call in the group it is unknown.
    if (totals.costUsd === null && totals.unknownCostCalls < totals.calls) totals.costUsd = 0;
    if (totals.calls === 0 && totals.costUsd === null) continue;
    rows.push(costRowFromTotals(group, totals));
    total.calls += totals.calls;
    total.inputTokens += totals.inputTokens;
    total.outputTokens += totals.outputTokens;
    total.unknownCostCalls += totals.unknownCostCalls;
    total.fallbackCalls += totals.fallbackCalls;
    total.reviewCalls += totals.reviewCalls;
    total.trustedCalls += totals.trustedCalls;
    if (totals.costUsd !== null) total.costUsd = (total.costUsd ?? 0) + totals.costUsd;
  }
  total.p50Ms = scalar(result.totalP50);
  total.p95Ms = scalar(result.totalP95);
  return {
    source: "prometheus",
    by,
    rows: sortCostRows(rows, by),
    total: costRowFromTotals({}, total),
    approximateQuantiles: true,
  };
}

function scalar(samples: readonly PrometheusSample[]): number | null {
  const value = samples[0]?.value;
  return value === undefined || !Number.isFinite(value) ? null : value * 1000;
}

/** A PromQL string literal (JSON escaping is valid PromQL escaping for a double-quoted string). */
function promString(value: string): string {
  return JSON.stringify(value);
}
