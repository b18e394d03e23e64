/** How a metric's value reads: a share, dollars, milliseconds or words. */
export type MetricUnit = "rate" | "usd" | "ms" | "words";

/** Which way is better, for the diff's arrows and the gate; `none` is information only. */
export type MetricDirection = "higher" | "lower" | "none";

/** What a metric means. */
export interface MetricInfo {
  readonly label: string;
  readonly unit: MetricUnit;
  readonly better: MetricDirection;
  readonly description: string;
}

/**
 * Every metric `modelpolicy eval` reports, by key. Keys are stable (JSON output, the gate, the
 * reports use them); labels are for people.
 */
export const METRICS = {
  accuracy: { label: "accuracy", unit: "rate", better: "higher", description: "answers equal to the golden label" },
  unknown_rate: { label: "unknown rate", unit: "rate", better: "none", description: "answers labelled `unknown`" },
  field_accuracy: {
    label: "field accuracy",
    unit: "rate",
    better: "higher",
    description: "golden fields the answer got right (failed calls count every field wrong)",
  },
  validation_failure_rate: {
    label: "validation failures",
    unit: "rate",
    better: "lower",
    description: "calls where some answer failed the output schema",
  },
  evidence_coverage: {
    label: "evidence coverage",
    unit: "rate",
    better: "higher",
    description: "mean share of fields with verified evidence (policies that require evidence)",
  },
  false_safe_rate: {
    label: "false-safe rate",
    unit: "rate",
    better: "lower",
    description: "golden high/critical risks judged low or medium",
  },
  escalation_rate: {
    label: "escalation rate",
    unit: "rate",
    better: "none",
    description: "calls sent to review",
  },
  mean_words: { label: "length (words)", unit: "words", better: "none", description: "mean words of the text" },
  over_length_rate: {
    label: "over length",
    unit: "rate",
    better: "lower",
    description: "texts longer than the example's max_words",
  },
  factual_support: {
    label: "factual support",
    unit: "rate",
    better: "higher",
    description: "must_mention facts present (else share of claims with verified evidence)",
  },
  stop_correctness: {
    label: "stop correctness",
    unit: "rate",
    better: "higher",
    description: "stop/continue decisions equal to the golden one",
  },
  missed_stop_rate: {
    label: "missed stops",
    unit: "rate",
    better: "lower",
    description: "golden stops the route let through",
  },
  failure_rate: {
    label: "failed calls",
    unit: "rate",
    better: "lower",
    description: "calls that failed or were rejected (no answer)",
  },
  fallback_rate: { label: "fallback rate", unit: "rate", better: "lower", description: "answers from a fallback step" },
  review_rate: { label: "review rate", unit: "rate", better: "lower", description: "calls sent to review" },
  cost_usd: { label: "cost (USD)", unit: "usd", better: "lower", description: "priced cost of all attempts" },
  cost_per_trusted_unit: {
    label: "cost per trusted unit",
    unit: "usd",
    better: "lower",
    description: "cost / calls that completed without review or fallback",
  },
  p50_ms: { label: "p50 latency (ms)", unit: "ms", better: "lower", description: "median call duration" },
  p95_ms: { label: "p95 latency (ms)", unit: "ms", better: "lower", description: "95th percentile call duration" },
} as const satisfies Record<string, MetricInfo>;

/** One of the keys of {@link METRICS}. */
export type MetricKey = keyof typeof METRICS;

/** A measured metric. `lowerBound`: a cost that leaves out calls of unknown price. */
export interface MetricValue {
  readonly key: MetricKey;
  readonly value: number | null;
  readonly lowerBound?: boolean;
}

/** Formats a value for tables and reports: rates as percent, dollars with six decimals. */
export function formatMetric(key: MetricKey, value: number | null, lowerBound = false): string {
  if (value === null) return "n/a";
  const unit: MetricUnit = METRICS[key].unit;
  const prefix = lowerBound ? "≥" : "";
  switch (unit) {
    case "rate":
      return `${(value * 100).toFixed(1)}%`;
    case "usd":
      return `${prefix}${value.toFixed(6)}`;
    case "ms":
      return String(Math.round(value));
    case "words":
      return value.toFixed(1);
  }
}
