import { describe, expect, it } from "vitest";
import type { ExampleResult } from "../example-result.js";
import {
  classificationMetrics,
  commonMetrics,
  draftingMetrics,
  exceptionMetrics,
  extractionMetrics,
  riskMetrics,
} from "./kind-metrics.js";
import type { MetricValue } from "./metric-catalogue.js";
import { quantile, ratio, wordCount } from "./statistics.js";
import { valuesMatch } from "./values-match.js";

/** A result line with everything neutral; each case overrides what it is about. */
function result(overrides: Partial<ExampleResult>): ExampleResult {
  return {
    schema: 1,
    run: "table",
    table: "t",
    route: "r",
    kind: "classification",
    example_id: "e",
    tags: {},
    outcome: "ok",
    error_class: null,
    error_message: null,
    answer: null,
    expected: {},
    cost_usd: 0.01,
    duration_ms: 100,
    fallback_used: false,
    review_triggered: false,
    review_reasons: [],
    evidence_coverage: null,
    schema_failures: 0,
    attempts: 1,
    model_served: "m",
    ...overrides,
  };
}

const values = (metrics: MetricValue[]) => Object.fromEntries(metrics.map((metric) => [metric.key, metric.value]));

describe("statistics", () => {
  it("interpolates quantiles like quantile_cont", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.95)).toBeCloseTo(48);
    expect(quantile([300, 100, 200], 0.5)).toBe(200);
  });

  it("says unknown for a rate of nothing, and counts words", () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
    expect(wordCount("  two  words\n")).toBe(2);
    expect(wordCount("")).toBe(0);
  });

  it("matches values the way a reviewer reads them", () => {
    expect(valuesMatch("New York", " new  york ")).toBe(true);
    expect(valuesMatch(["A Corp", "B LLC"], ["b llc", "a corp"])).toBe(true);
    expect(valuesMatch({ months_of_fees: 12, fixed_amount: null }, { months_of_fees: 12 })).toBe(true);
    expect(valuesMatch(30, "30")).toBe(false);
    expect(valuesMatch(null, undefined)).toBe(true);
    expect(valuesMatch({ a: 1 }, { a: 2 })).toBe(false);
  });
});

describe("classification", () => {
  it("counts accuracy over every example (a failed call is wrong) and the unknown rate", () => {
    const metrics = classificationMetrics([
      result({ expected: { label: "msa" }, answer: { label: "msa" } }),
      result({ expected: { label: "nda" }, answer: { label: "unknown" } }),
      result({ expected: { label: "unknown" }, answer: { label: "unknown" } }),
      result({ expected: { label: "sow" }, answer: null, outcome: "failed" }),
    ]);
    expect(values(metrics)).toEqual({ accuracy: 0.5, unknown_rate: 0.5 });
  });
});

describe("extraction", () => {
  it("scores fields, validation failures and evidence coverage", () => {
    const metrics = extractionMetrics([
      result({
        expected: { fields: { a: 1, b: "X", c: null } },
        answer: { fields: { a: 1, b: "x", c: 5 } },
        evidence_coverage: 1,
      }),
      result({
        expected: { fields: { a: 2, b: "Y", c: null } },
        answer: { fields: { a: 3, b: "Y" } },
        evidence_coverage: 0.5,
        schema_failures: 1,
      }),
      result({
        expected: { fields: { a: 1, b: "Z" } },
        answer: null,
        outcome: "failed",
        error_class: "schema_invalid",
      }),
    ]);
    // 2 + 2 right of 3 + 3 + 2 fields; two of three calls had an invalid answer.
    expect(values(metrics)).toEqual({ field_accuracy: 4 / 8, validation_failure_rate: 2 / 3, evidence_coverage: 0.75 });
  });
});

describe("risk", () => {
  it("counts high or critical judged low or medium as false-safe, not a failed call", () => {
    const metrics = riskMetrics([
      result({ expected: { risk_level: "critical" }, answer: { risk_level: "medium" } }),
      result({ expected: { risk_level: "high" }, answer: { risk_level: "high" }, review_triggered: true }),
      result({ expected: { risk_level: "high" }, answer: null, outcome: "failed" }),
      result({ expected: { risk_level: "high" }, answer: { risk_level: "critical" }, review_triggered: true }),
      result({ expected: { risk_level: "low" }, answer: { risk_level: "low" } }),
    ]);
    expect(values(metrics)).toEqual({ false_safe_rate: 1 / 4, escalation_rate: 2 / 5, accuracy: 2 / 5 });
  });

  it("has no false-safe rate without a risky example", () => {
    expect(
      values(riskMetrics([result({ expected: { risk_level: "low" }, answer: { risk_level: "low" } })])),
    ).toMatchObject({
      false_safe_rate: null,
    });
  });
});

describe("drafting", () => {
  it("measures length, over-length and must_mention support", () => {
    const metrics = draftingMetrics([
      result({
        expected: { must_mention: ["Acme", "high risk"], max_words: 5 },
        answer: { text: "Acme: HIGH  risk here." },
      }),
      result({
        expected: { must_mention: ["Acme", "liability cap"], max_words: 3 },
        answer: { text: "Acme has one two three four" },
      }),
      result({ expected: { must_mention: ["Acme"] }, answer: null, outcome: "failed" }),
    ]);
    expect(values(metrics)).toEqual({ mean_words: 5, over_length_rate: 1 / 3, factual_support: (1 + 0.5 + 0) / 3 });
  });

  it("falls back to verified evidence when there is no must_mention list", () => {
    const metrics = draftingMetrics([
      result({ expected: {}, answer: { text: "a b" }, evidence_coverage: 0.5 }),
      result({ expected: {}, answer: { text: "a" } }),
    ]);
    expect(values(metrics).factual_support).toBe(0.5);
  });
});

describe("exception", () => {
  it("scores stop decisions and missed stops", () => {
    const metrics = exceptionMetrics([
      result({ expected: { stop: true }, answer: { stop: true } }),
      result({ expected: { stop: true }, answer: { stop: false } }),
      result({ expected: { stop: false }, answer: { stop: false } }),
      result({ expected: { stop: true }, answer: null, outcome: "failed" }),
    ]);
    expect(values(metrics)).toEqual({ stop_correctness: 0.5, missed_stop_rate: 2 / 3 });
  });
});

describe("every route", () => {
  it("prices trusted units, rates and latency quantiles", () => {
    const metrics = commonMetrics([
      result({ cost_usd: 0.02, duration_ms: 100 }),
      result({ cost_usd: 0.04, duration_ms: 200, outcome: "fallback_ok", fallback_used: true }),
      result({ cost_usd: 0.01, duration_ms: 300, outcome: "review", review_triggered: true }),
      result({ cost_usd: 0.03, duration_ms: 400, outcome: "failed" }),
    ]);
    const figures = values(metrics);
    expect(figures.failure_rate).toBe(0.25);
    expect(figures.fallback_rate).toBe(0.25);
    expect(figures.review_rate).toBe(0.25);
    expect(figures.cost_usd).toBeCloseTo(0.1);
    expect(figures.cost_per_trusted_unit).toBeCloseTo(0.1); // one trusted call carries the whole cost
    expect(figures.p50_ms).toBe(250);
    expect(figures.p95_ms).toBeCloseTo(385);
  });

  it("marks cost as a lower bound when a model has no price, and leaves out suite errors", () => {
    const metrics = commonMetrics([
      result({ cost_usd: 0.02 }),
      result({ cost_usd: null }),
      result({ outcome: "error", error_class: "suite_error", cost_usd: null, duration_ms: 0 }),
    ]);
    expect(metrics.find((metric) => metric.key === "cost_usd")).toEqual({
      key: "cost_usd",
      value: 0.02,
      lowerBound: true,
    });
    expect(values(metrics).p50_ms).toBe(100);
    expect(values(metrics).cost_per_trusted_unit).toBe(0.01);
  });
});
