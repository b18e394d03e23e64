import { RISK_LEVELS, riskRank } from "@modelpolicy/core";
import { ANSWERED_OUTCOMES, type ExampleResult, isTrusted } from "../example-result.js";
import type { MetricValue } from "./metric-catalogue.js";
import { mean, quantile, ratio, wordCount } from "./statistics.js";
import { valuesMatch } from "./values-match.js";

// Each function below is pure over the result lines of ONE route; denominators are every example
// of the route, so a call that failed counts as a wrong answer rather than disappearing.

/** Classification: accuracy against the golden label, and how often the route answered `unknown`. */
export function classificationMetrics(results: readonly ExampleResult[], unknownLabel = "unknown"): MetricValue[] {
  const correct = results.filter(
    (result) => result.answer?.label !== undefined && valuesMatch(result.expected.label, result.answer.label),
  ).length;
  const unknown = results.filter((result) => result.answer?.label === unknownLabel).length;
  return [
    { key: "accuracy", value: ratio(correct, results.length) },
    { key: "unknown_rate", value: ratio(unknown, results.length) },
  ];
}

/**
 * Extraction: field accuracy over every golden field of every example, the share of calls where an
 * answer failed the schema (a repair or fallback paid for it), and mean verified-evidence coverage.
 */
export function extractionMetrics(results: readonly ExampleResult[]): MetricValue[] {
  let fields = 0;
  let correct = 0;
  for (const result of results) {
    const expected = (result.expected.fields ?? {}) as Record<string, unknown>;
    const answer = result.answer?.fields;
    for (const [field, value] of Object.entries(expected)) {
      fields += 1;
      if (answer !== undefined && valuesMatch(value, answer[field])) correct += 1;
    }
  }
  const invalid = results.filter(
    (result) => result.schema_failures > 0 || result.error_class === "schema_invalid" || result.outcome === "partial",
  ).length;
  const coverages = results.flatMap((result) => (result.evidence_coverage === null ? [] : [result.evidence_coverage]));
  return [
    { key: "field_accuracy", value: ratio(correct, fields) },
    { key: "validation_failure_rate", value: ratio(invalid, results.length) },
    { key: "evidence_coverage", value: mean(coverages) },
  ];
}

/**
 * Risk judgement: the false-safe rate (golden high or critical judged low or medium; a call that
 * failed is not counted as safe, since nobody was told "safe"), escalations (review triggered),
 * and exact-level accuracy.
 */
export function riskMetrics(results: readonly ExampleResult[]): MetricValue[] {
  const high = riskRank("high");
  const risky = results.filter((result) => rankOf(result.expected.risk_level) >= high);
  const falseSafe = risky.filter((result) => {
    const judged = rankOf(result.answer?.risk_level);
    return judged >= 0 && judged < high;
  }).length;
  const correct = results.filter(
    (result) => result.answer?.risk_level !== undefined && result.answer.risk_level === result.expected.risk_level,
  ).length;
  return [
    { key: "false_safe_rate", value: ratio(falseSafe, risky.length) },
    {
      key: "escalation_rate",
      value: ratio(results.filter((result) => result.review_triggered).length, results.length),
    },
    { key: "accuracy", value: ratio(correct, results.length) },
  ];
}

/**
 * Drafting: mean length, texts over the example's `max_words`, and factual support: per example
 * the share of `must_mention` facts the text states, else (no such list) the share of its claims
 * with verified evidence; a call without text supports nothing.
 */
export function draftingMetrics(results: readonly ExampleResult[]): MetricValue[] {
  const texts = results.flatMap((result) => (typeof result.answer?.text === "string" ? [result.answer.text] : []));
  const overLength = results.filter((result) => {
    const limit = result.expected.max_words;
    return (
      typeof limit === "number" && typeof result.answer?.text === "string" && wordCount(result.answer.text) > limit
    );
  }).length;
  const support = results.flatMap((result) => {
    const text = result.answer?.text;
    const mustMention = Array.isArray(result.expected.must_mention) ? (result.expected.must_mention as string[]) : [];
    if (mustMention.length > 0) {
      if (typeof text !== "string") return [0];
      const haystack = squash(text);
      return [mustMention.filter((fact) => haystack.includes(squash(fact))).length / mustMention.length];
    }
    if (typeof text !== "string") return result.evidence_coverage === null ? [] : [0];
    return result.evidence_coverage === null ? [] : [result.evidence_coverage];
  });
  return [
    { key: "mean_words", value: mean(texts.map(wordCount)) },
    { key: "over_length_rate", value: ratio(overLength, results.length) },
    { key: "factual_support", value: mean(support) },
  ];
}

/** Exception handling: whether the route stopped exactly when it should, and stops it missed. */
export function exceptionMetrics(results: readonly ExampleResult[]): MetricValue[] {
  const correct = results.filter(
    (result) => result.answer?.stop !== undefined && result.answer.stop === result.expected.stop,
  ).length;
  const shouldStop = results.filter((result) => result.expected.stop === true);
  const missed = shouldStop.filter((result) => result.answer?.stop !== true).length;
  return [
    { key: "stop_correctness", value: ratio(correct, results.length) },
    { key: "missed_stop_rate", value: ratio(missed, shouldStop.length) },
  ];
}

/**
 * What every route reports: failures, fallback and review rates, cost (a lower bound when some
 * call had no known price), cost per trusted unit, and p50/p95 latency of the routed call.
 */
export function commonMetrics(results: readonly ExampleResult[]): MetricValue[] {
  const routed = results.filter((result) => result.outcome !== "error");
  const failed = routed.filter((result) => !ANSWERED_OUTCOMES.has(result.outcome)).length;
  const priced = routed.filter((result) => result.cost_usd !== null);
  const cost = priced.reduce((sum, result) => sum + (result.cost_usd ?? 0), 0);
  const lowerBound = priced.length < routed.length;
  const trusted = routed.filter(isTrusted).length;
  const costKnown = priced.length > 0 || routed.length === 0;
  const durations = routed.map((result) => result.duration_ms);
  return [
    { key: "failure_rate", value: ratio(failed, routed.length) },
    { key: "fallback_rate", value: ratio(routed.filter((result) => result.fallback_used).length, routed.length) },
    { key: "review_rate", value: ratio(routed.filter((result) => result.review_triggered).length, routed.length) },
    { key: "cost_usd", value: costKnown ? cost : null, lowerBound },
    { key: "cost_per_trusted_unit", value: costKnown ? ratio(cost, trusted) : null, lowerBound },
    { key: "p50_ms", value: quantile(durations, 0.5) },
    { key: "p95_ms", value: quantile(durations, 0.95) },
  ];
}

/** Position in RISK_LEVELS, -1 for no or an unknown level. */
function rankOf(level: unknown): number {
  return (RISK_LEVELS as readonly unknown[]).indexOf(level);
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}
