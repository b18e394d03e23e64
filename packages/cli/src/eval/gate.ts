import { METRICS, type MetricKey, type MetricValue } from "./metrics/metric-catalogue.js";
import { metricOf, type RouteMetrics } from "./metrics/route-metrics.js";

/**
 * One threshold of the gate: which metrics it watches, whether the allowed worsening is absolute
 * (rates: 0.02 = two percentage points) or relative (0.25 = 25 % more), and its default.
 */
export interface GateRule {
  readonly flag: string;
  readonly metrics: readonly MetricKey[];
  readonly mode: "absolute" | "relative";
  readonly defaultLimit: number;
  readonly description: string;
}

/**
 * The gate's thresholds, by option name. Defaults are strict on safety (no new false-safe risk
 * judgements or missed stops at all) and tolerant of noise elsewhere; the README lists them.
 */
export const GATE_RULES = {
  maxAccuracyDrop: {
    flag: "--max-accuracy-drop",
    metrics: ["accuracy", "field_accuracy", "stop_correctness", "factual_support"],
    mode: "absolute",
    defaultLimit: 0.02,
    description: "accuracy, field accuracy, stop correctness or factual support may drop this much",
  },
  maxFalseSafeIncrease: {
    flag: "--max-false-safe-increase",
    metrics: ["false_safe_rate", "missed_stop_rate"],
    mode: "absolute",
    defaultLimit: 0,
    description: "false-safe rate or missed stops may rise this much",
  },
  maxCostIncrease: {
    flag: "--max-cost-increase",
    metrics: ["cost_usd", "cost_per_trusted_unit"],
    mode: "relative",
    defaultLimit: 0.25,
    description: "cost or cost per trusted unit may rise by this share",
  },
  maxLatencyIncrease: {
    flag: "--max-latency-increase",
    metrics: ["p95_ms"],
    mode: "relative",
    defaultLimit: 0.5,
    description: "p95 latency may rise by this share (changes under --latency-noise-ms never fail)",
  },
  maxReviewIncrease: {
    flag: "--max-review-increase",
    metrics: ["review_rate"],
    mode: "absolute",
    defaultLimit: 0.1,
    description: "review rate may rise this much",
  },
  maxFallbackIncrease: {
    flag: "--max-fallback-increase",
    metrics: ["fallback_rate", "failure_rate"],
    mode: "absolute",
    defaultLimit: 0.05,
    description: "fallback rate or failed calls may rise this much",
  },
  maxValidationFailureIncrease: {
    flag: "--max-validation-failure-increase",
    metrics: ["validation_failure_rate"],
    mode: "absolute",
    defaultLimit: 0.05,
    description: "validation failures may rise this much",
  },
  maxEvidenceCoverageDrop: {
    flag: "--max-evidence-coverage-drop",
    metrics: ["evidence_coverage"],
    mode: "absolute",
    defaultLimit: 0.05,
    description: "evidence coverage may drop this much",
  },
} as const satisfies Record<string, GateRule>;

/** The name of one gate rule (its camel-cased option). */
export type GateRuleName = keyof typeof GATE_RULES;

/** The limits in force: one per rule, plus the latency noise floor in milliseconds. */
export type GateThresholds = Readonly<Record<GateRuleName, number>> & { readonly latencyNoiseMs: number };

/** The default p95 increase, in milliseconds, below which latency never fails the gate. */
export const DEFAULT_LATENCY_NOISE_MS = 100;

/** The gate's defaults. */
export function defaultThresholds(): GateThresholds {
  const limits = Object.fromEntries(
    Object.entries(GATE_RULES).map(([name, rule]) => [name, rule.defaultLimit]),
  ) as Record<GateRuleName, number>;
  return { ...limits, latencyNoiseMs: DEFAULT_LATENCY_NOISE_MS };
}

/** One metric of one route, baseline against candidate. */
export interface MetricChange {
  readonly key: MetricKey;
  readonly old: MetricValue | undefined;
  readonly new: MetricValue | undefined;
  /** `new - old`, when both are known. */
  readonly change: number | null;
  /** `(new - old) / old`; `Infinity` from 0 to more, `null` when unknown. */
  readonly relative: number | null;
  /** The rule that watches this metric, if any, and whether the change broke it. */
  readonly rule: GateRuleName | undefined;
  readonly regressed: boolean;
}

/** A route's side-by-side metrics. */
export interface RouteComparison {
  readonly route: string;
  readonly kind: RouteMetrics["kind"];
  readonly examples: number;
  readonly changes: readonly MetricChange[];
}

/** Every route compared, and the changes that failed the gate. */
export interface Comparison {
  readonly routes: readonly RouteComparison[];
  readonly regressions: readonly (MetricChange & { route: string })[];
  readonly passed: boolean;
}

const RULE_OF_METRIC = new Map<MetricKey, GateRuleName>(
  Object.entries(GATE_RULES).flatMap(([name, rule]) =>
    rule.metrics.map((key) => [key as MetricKey, name as GateRuleName] as const),
  ),
);

/**
 * Compares two runs over the same examples route by route and applies the gate: a metric
 * regresses when it worsens (in its better direction) past its rule's limit. Metrics without a
 * rule, or unknown on either side, are shown but never fail the gate.
 */
export function compareRuns(
  baseline: readonly RouteMetrics[],
  candidate: readonly RouteMetrics[],
  thresholds: GateThresholds,
): Comparison {
  const routes = baseline.map((old): RouteComparison => {
    const next = candidate.find((entry) => entry.route === old.route);
    const keys = [...new Set([...old.metrics, ...(next?.metrics ?? [])].map((metric) => metric.key))];
    const changes = keys.map((key) => metricChange(key, metricOf(old, key), next && metricOf(next, key), thresholds));
    return { route: old.route, kind: old.kind, examples: old.examples, changes };
  });
  const regressions = routes.flatMap((route) =>
    route.changes.filter((change) => change.regressed).map((change) => ({ ...change, route: route.route })),
  );
  return { routes, regressions, passed: regressions.length === 0 };
}

/** One metric's change and whether it breaks its rule; exported for the unit tests. */
export function metricChange(
  key: MetricKey,
  old: MetricValue | undefined,
  next: MetricValue | undefined,
  thresholds: GateThresholds,
): MetricChange {
  const rule = RULE_OF_METRIC.get(key);
  const before = old?.value ?? null;
  const after = next?.value ?? null;
  const change = before === null || after === null ? null : after - before;
  const relative =
    change === null || before === null
      ? null
      : before === 0
        ? change === 0
          ? 0
          : Math.sign(change) * Infinity
        : change / Math.abs(before);
  let regressed = false;
  const better = METRICS[key].better;
  if (rule !== undefined && change !== null && better !== "none") {
    const worsening = better === "higher" ? -change : change;
    const limit = thresholds[rule];
    if (GATE_RULES[rule].mode === "absolute") regressed = worsening > limit + 1e-9;
    else {
      const relativeWorsening = before === 0 ? (worsening > 0 ? Infinity : 0) : worsening / Math.abs(before!);
      regressed = relativeWorsening > limit + 1e-9;
      if (key === "p95_ms" && worsening < thresholds.latencyNoiseMs) regressed = false;
    }
  }
  return { key, old, new: next, change, relative, rule, regressed };
}
