/*
 * The names under which the collector's `prometheus` exporter exposes the OTel metrics of
 * `@modelpolicy/otel` (dots become underscores, the unit is appended, counters get `_total`).
 * Kept in this one file so that aligning them with the instrumentation after an end-to-end run is
 * a one-line change per name.
 */

/** Counter of routed calls (`model_policy.calls`, unit `{call}`). */
export const METRIC_CALLS = "model_policy_calls_total";
/** Counter of priced cost (`model_policy.cost`, unit `USD`); calls of unknown price are not added. */
export const METRIC_COST = "model_policy_cost_USD_total";
/** Counter of tokens (`model_policy.tokens`), split by {@link LABEL_TOKEN_TYPE}. */
export const METRIC_TOKENS = "model_policy_tokens_total";
/** Histogram of routed-call duration (`model_policy.duration`, unit `s`); series get `_bucket`. */
export const METRIC_DURATION_BUCKET = "model_policy_duration_seconds_bucket";

/** Label of the service: `job` is what the collector's exporter derives from `service.name`. */
export const LABEL_SERVICE = "job";
/** Label splitting {@link METRIC_TOKENS} into `input` and `output`. */
export const LABEL_TOKEN_TYPE = "gen_ai_token_type";
/** Label `"true"`/`"false"` on {@link METRIC_CALLS}. */
export const LABEL_FALLBACK_USED = "model_policy_fallback_used";
/** Label `"true"`/`"false"` on {@link METRIC_CALLS}. */
export const LABEL_REVIEW_TRIGGERED = "model_policy_review_triggered";
/**
 * Label `"true"`/`"false"` on {@link METRIC_CALLS}: whether the call's cost was known. Calls
 * without `"true"` count as unknown cost, so a missing label shows as `≥`, never as free.
 */
export const LABEL_COST_KNOWN = "model_policy_cost_known";
/** Label of the outcome, also a group key. */
export const LABEL_OUTCOME = "model_policy_outcome";

/** The label each cost-report group column maps to. */
export const GROUP_LABELS = {
  task: "model_policy_task",
  policy_id: "model_policy_id",
  policy_version: "model_policy_version",
  model_served: "model_policy_model_served",
  outcome: LABEL_OUTCOME,
} as const;
