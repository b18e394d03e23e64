/*
 * The names under which the collector's `prometheus` exporter exposes the OTel metrics of
 * `@modelpolicy/otel`, taken from the conventions registry (`@modelpolicy/core/conventions`),
 * which derives them from each metric's name, unit and instrument. Nothing here is spelled by
 * hand: a renamed metric or label in the registry shows up as a type error or a failing query.
 */
import {
  ATTR_MODEL_POLICY_COST_KNOWN,
  ATTR_MODEL_POLICY_FALLBACK_USED,
  ATTR_MODEL_POLICY_ID,
  ATTR_MODEL_POLICY_MODEL_SERVED,
  ATTR_MODEL_POLICY_OUTCOME,
  ATTR_MODEL_POLICY_REVIEW_TRIGGERED,
  ATTR_MODEL_POLICY_TASK,
  ATTR_MODEL_POLICY_VERSION,
  METRIC_MODEL_POLICY_CALLS,
  METRIC_MODEL_POLICY_COST,
  METRIC_MODEL_POLICY_DURATION,
  METRIC_MODEL_POLICY_TOKENS,
  PROMETHEUS_LABEL_NAMES,
  PROMETHEUS_METRIC_NAMES,
} from "@modelpolicy/core/conventions";

/** Counter of routed calls (`model_policy.calls`, unit `{call}`). */
export const METRIC_CALLS = PROMETHEUS_METRIC_NAMES[METRIC_MODEL_POLICY_CALLS];
/** Counter of priced cost (`model_policy.cost`, unit `USD`); calls of unknown price are not added. */
export const METRIC_COST = PROMETHEUS_METRIC_NAMES[METRIC_MODEL_POLICY_COST];
/** Counter of tokens (`model_policy.tokens`), split by {@link LABEL_TOKEN_TYPE}. */
export const METRIC_TOKENS = PROMETHEUS_METRIC_NAMES[METRIC_MODEL_POLICY_TOKENS];
/** Histogram of routed-call duration (`model_policy.duration`, unit `s`): its `_bucket` series. */
export const METRIC_DURATION_BUCKET = `${PROMETHEUS_METRIC_NAMES[METRIC_MODEL_POLICY_DURATION]}_bucket` as const;

/** Label of the service: `job` is what the collector's exporter derives from `service.name`. */
export const LABEL_SERVICE = "job";
/** Label splitting {@link METRIC_TOKENS} into `input` and `output`. */
export const LABEL_TOKEN_TYPE = PROMETHEUS_LABEL_NAMES["gen_ai.token.type"];
/** Label `"true"`/`"false"` on {@link METRIC_CALLS}. */
export const LABEL_FALLBACK_USED = PROMETHEUS_LABEL_NAMES[ATTR_MODEL_POLICY_FALLBACK_USED];
/** Label `"true"`/`"false"` on {@link METRIC_CALLS}. */
export const LABEL_REVIEW_TRIGGERED = PROMETHEUS_LABEL_NAMES[ATTR_MODEL_POLICY_REVIEW_TRIGGERED];
/**
 * Label `"true"`/`"false"` on {@link METRIC_CALLS}: whether the call's cost was known. Calls
 * without `"true"` count as unknown cost, so a missing label shows as `≥`, never as free.
 */
export const LABEL_COST_KNOWN = PROMETHEUS_LABEL_NAMES[ATTR_MODEL_POLICY_COST_KNOWN];
/** Label of the outcome, also a group key. */
export const LABEL_OUTCOME = PROMETHEUS_LABEL_NAMES[ATTR_MODEL_POLICY_OUTCOME];

/** The label each cost-report group column maps to. */
export const GROUP_LABELS = {
  task: PROMETHEUS_LABEL_NAMES[ATTR_MODEL_POLICY_TASK],
  policy_id: PROMETHEUS_LABEL_NAMES[ATTR_MODEL_POLICY_ID],
  policy_version: PROMETHEUS_LABEL_NAMES[ATTR_MODEL_POLICY_VERSION],
  model_served: PROMETHEUS_LABEL_NAMES[ATTR_MODEL_POLICY_MODEL_SERVED],
  outcome: LABEL_OUTCOME,
} as const;
