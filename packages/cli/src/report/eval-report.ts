import type { Comparison, GateThresholds, MetricChange } from "../eval/gate.js";
import type { MetricKey, MetricValue } from "../eval/metrics/metric-catalogue.js";
import type { RouteMetrics } from "../eval/metrics/route-metrics.js";

/** One table that was evaluated. */
export interface RunInfo {
  /** `table`, `baseline` or `candidate`. */
  readonly run: string;
  /** The table file as given. */
  readonly table: string;
  readonly tableVersion: string;
  readonly fingerprint: string;
}

/** One metric row of a route: one value per run, and for two runs the change and gate verdict. */
export interface ReportRow {
  readonly key: MetricKey;
  readonly values: readonly (MetricValue | undefined)[];
  readonly change?: MetricChange | undefined;
}

/** One route in a report. */
export interface ReportRoute {
  readonly route: string;
  readonly kind: RouteMetrics["kind"];
  readonly examples: number;
  readonly suiteErrors: number;
  readonly rows: readonly ReportRow[];
}

/**
 * Everything an eval printed or wrote, in one shape for every format (table, JSON, markdown,
 * HTML): one run, or baseline and candidate with the gate's verdict.
 */
export interface EvalReport {
  readonly suite: string;
  readonly provider: { readonly simulated: boolean; readonly description: string };
  readonly runs: readonly RunInfo[];
  readonly routes: readonly ReportRoute[];
  readonly gate?: {
    readonly passed: boolean;
    readonly thresholds: GateThresholds;
    readonly regressions: Comparison["regressions"];
  };
}

/** The sentence every report carries when the numbers come from the simulator. */
export const SIMULATOR_NOTE =
  "These numbers measure the SIMULATED offline provider (its scripted answers by model tier), not the quality of any real model.";

/** A report of one run. */
export function singleRunReport(
  suite: string,
  provider: EvalReport["provider"],
  run: RunInfo,
  metrics: readonly RouteMetrics[],
): EvalReport {
  return {
    suite,
    provider,
    runs: [run],
    routes: metrics.map((route) => ({
      route: route.route,
      kind: route.kind,
      examples: route.examples,
      suiteErrors: route.suiteErrors,
      rows: route.metrics.map((metric) => ({ key: metric.key, values: [metric] })),
    })),
  };
}

/** A report of baseline against candidate, with the gate. */
export function comparisonReport(
  suite: string,
  provider: EvalReport["provider"],
  runs: readonly [RunInfo, RunInfo],
  baseline: readonly RouteMetrics[],
  candidate: readonly RouteMetrics[],
  comparison: Comparison,
  thresholds: GateThresholds,
): EvalReport {
  return {
    suite,
    provider,
    runs,
    routes: comparison.routes.map((route) => {
      const old = baseline.find((entry) => entry.route === route.route);
      const next = candidate.find((entry) => entry.route === route.route);
      return {
        route: route.route,
        kind: route.kind,
        examples: route.examples,
        suiteErrors: (old?.suiteErrors ?? 0) + (next?.suiteErrors ?? 0),
        rows: route.changes.map((change) => ({ key: change.key, values: [change.old, change.new], change })),
      };
    }),
    gate: { passed: comparison.passed, thresholds, regressions: comparison.regressions },
  };
}
