import type { RouteKind, RouteRecord, ScoredAnswer } from "@modelpolicy/core";

/**
 * One golden example's run, as written to `--out` (one JSON line each) and read back by
 * `--resume`. Flat and self-contained, so the metrics need nothing else and a person can grep it.
 */
export interface ExampleResult {
  readonly schema: 1;
  /** `table`, `baseline` or `candidate`. */
  readonly run: string;
  /** Table fingerprint: results of another table are never resumed into this one. */
  readonly table: string;
  readonly route: string;
  readonly kind: RouteKind;
  readonly example_id: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The router's outcome; `error` when the suite itself threw (its request or score). */
  readonly outcome: RouteRecord["outcome"] | "error";
  readonly error_class: string | null;
  readonly error_message: string | null;
  /** The suite's reading of the output; `null` when the call produced none. */
  readonly answer: ScoredAnswer | null;
  readonly expected: Readonly<Record<string, unknown>>;
  /** USD over all attempts; `null` when a model has no known price. */
  readonly cost_usd: number | null;
  readonly duration_ms: number;
  readonly fallback_used: boolean;
  readonly review_triggered: boolean;
  readonly review_reasons: readonly string[];
  /** Share of fields with verified evidence, when the policy required evidence. */
  readonly evidence_coverage: number | null;
  /** Attempts whose output failed the schema (each one cost a repair or a fallback). */
  readonly schema_failures: number;
  readonly attempts: number;
  readonly model_served: string | null;
}

/** The outcomes the router reports for a call that produced an output. */
export const ANSWERED_OUTCOMES: ReadonlySet<string> = new Set(["ok", "fallback_ok", "review", "partial"]);

/**
 * A trusted unit: an answer that needed nobody (first model, no fallback, no review). Cost per
 * trusted unit is the price of work that really left the building without a person.
 */
export function isTrusted(result: ExampleResult): boolean {
  return result.outcome === "ok" && !result.fallback_used && !result.review_triggered;
}

/** `error_class` of an example whose suite code (request or score) threw: a bug in the suite, not a route failure. */
export const SUITE_ERROR = "suite_error";

/** Builds the result line of one example from the router's record (or a failure's record). */
export function resultOf(
  base: Pick<ExampleResult, "run" | "table" | "route" | "kind" | "example_id" | "tags" | "expected">,
  record: RouteRecord | undefined,
  answer: ScoredAnswer | null,
  error?: { errorClass: string; message: string },
): ExampleResult {
  return {
    schema: 1,
    ...base,
    outcome: record === undefined || error?.errorClass === SUITE_ERROR ? "error" : record.outcome,
    error_class: error?.errorClass ?? record?.errorClass ?? null,
    error_message: error?.message ?? null,
    answer,
    cost_usd: record ? record.costUsd : null,
    duration_ms: record ? Math.round(record.durationMs) : 0,
    fallback_used: record?.fallback.used ?? false,
    review_triggered: record?.review.triggered ?? false,
    review_reasons: record ? [...record.review.reasons] : [],
    evidence_coverage: record?.evidence.coverage ?? null,
    schema_failures: record ? record.attempts.filter((attempt) => attempt.errorClass === "schema_invalid").length : 0,
    attempts: record ? record.attempts.filter((attempt) => attempt.outcome !== "skipped").length : 0,
    model_served: record?.modelServed ?? null,
  };
}
