/*
 * The `model_policy.*` span attribute names: the contract of the routed-call span (see
 * DESIGN.md, "The routed-call span"). The ledger, the CLI's cost queries, dashboards and users'
 * alerts all key on these strings, so they are add-only: never rename one.
 */

/** Task type (route) the caller asked for; string. */
export const ATTR_MODEL_POLICY_TASK = "model_policy.task" as const;
/** Id of the policy that governed the call; string. */
export const ATTR_MODEL_POLICY_ID = "model_policy.id" as const;
/** Version of that policy; string. */
export const ATTR_MODEL_POLICY_VERSION = "model_policy.version" as const;
/** Content digest of the policy, so two deployments of "the same version" can be told apart; string. */
export const ATTR_MODEL_POLICY_DIGEST = "model_policy.digest" as const;
/** Version of the whole policy table; string. */
export const ATTR_MODEL_POLICY_TABLE_VERSION = "model_policy.table.version" as const;
/** Model tier the policy asked for (`fast`, `standard`, `strong`, …); string. */
export const ATTR_MODEL_POLICY_MODEL_TIER = "model_policy.model_tier" as const;
/** Latency tier (`fast`, `slow`, `batch`, …); string. */
export const ATTR_MODEL_POLICY_LATENCY_TIER = "model_policy.latency_tier" as const;
/** Maximum input tokens the policy allows; int. */
export const ATTR_MODEL_POLICY_BUDGET_INPUT_TOKENS = "model_policy.budget.input_tokens" as const;
/** Maximum output tokens the policy allows; int. */
export const ATTR_MODEL_POLICY_BUDGET_OUTPUT_TOKENS = "model_policy.budget.output_tokens" as const;
/** Input tokens counted before any provider call; int. */
export const ATTR_MODEL_POLICY_INPUT_TOKENS_ESTIMATED = "model_policy.input_tokens.estimated" as const;
/** How the estimate was reached (`bound` or `exact`), since a bound can overstate; string. */
export const ATTR_MODEL_POLICY_INPUT_TOKENS_METHOD = "model_policy.input_tokens.method" as const;
/** Tier the call was escalated to because its input was over budget; string, only when set. */
export const ATTR_MODEL_POLICY_ESCALATED_TIER = "model_policy.escalated_tier" as const;
/** Whether the policy requires evidence refs; bool. */
export const ATTR_MODEL_POLICY_EVIDENCE_REQUIRED = "model_policy.evidence.required" as const;
/** Share of output fields whose evidence was verified; double, only when required and checked. */
export const ATTR_MODEL_POLICY_EVIDENCE_COVERAGE = "model_policy.evidence.coverage" as const;
/** Whether the policy always requires review; bool. */
export const ATTR_MODEL_POLICY_REVIEW_REQUIRED = "model_policy.review.required" as const;
/** Whether this call was sent to review; bool. */
export const ATTR_MODEL_POLICY_REVIEW_TRIGGERED = "model_policy.review.triggered" as const;
/** Why the call was sent to review; string[]. */
export const ATTR_MODEL_POLICY_REVIEW_REASONS = "model_policy.review.reasons" as const;
/** The configured fallback (`next_tier`, `partial`, `stop`); string. */
export const ATTR_MODEL_POLICY_FALLBACK_POLICY = "model_policy.fallback.policy" as const;
/** Whether a fallback step produced the result; bool. */
export const ATTR_MODEL_POLICY_FALLBACK_USED = "model_policy.fallback.used" as const;
/** Error class that first moved the call on; string, only when set. */
export const ATTR_MODEL_POLICY_FALLBACK_REASON = "model_policy.fallback.reason" as const;
/** Provider attempts actually sent (skipped ones excluded); int. */
export const ATTR_MODEL_POLICY_ATTEMPTS = "model_policy.attempts" as const;
/** First model the policy chose; string. */
export const ATTR_MODEL_POLICY_MODEL_REQUESTED = "model_policy.model.requested" as const;
/** Model whose answer was returned; string, only when there was one. */
export const ATTR_MODEL_POLICY_MODEL_SERVED = "model_policy.model.served" as const;
/** How the call ended (`ok`, `fallback_ok`, `partial`, `review`, `rejected`, `failed`); string. */
export const ATTR_MODEL_POLICY_OUTCOME = "model_policy.outcome" as const;
/** Priced cost of all attempts, failed ones too; double, omitted when unknown. */
export const ATTR_MODEL_POLICY_COST_USD = "model_policy.cost.usd" as const;
/** False when some attempt's model has no price, so a missing cost is not read as free; bool. */
export const ATTR_MODEL_POLICY_COST_KNOWN = "model_policy.cost.known" as const;
/** 1-based position of a provider attempt in its call (attempt spans); int. */
export const ATTR_MODEL_POLICY_ATTEMPT_INDEX = "model_policy.attempt.index" as const;
/** Why the attempt was made (`primary`, `retry`, `repair`, `evidence`, `fallback`); string. */
export const ATTR_MODEL_POLICY_ATTEMPT_KIND = "model_policy.attempt.kind" as const;
/** Tier the attempt's model came from, when it came from a tier (attempt spans); string. */
export const ATTR_MODEL_POLICY_ATTEMPT_TIER = "model_policy.attempt.tier" as const;

/** Counter of routed calls, labelled by task, policy id and version, served model and outcome. */
export const METRIC_MODEL_POLICY_CALLS = "model_policy.calls" as const;
/** Counter of priced cost in USD, same labels as {@link METRIC_MODEL_POLICY_CALLS}. */
export const METRIC_MODEL_POLICY_COST = "model_policy.cost" as const;
/**
 * Counter of tokens per routed call (summed over attempts), split by `gen_ai.token.type`, with the
 * labels of {@link METRIC_MODEL_POLICY_CALLS}: the GenAI token histogram is per attempt and
 * carries no task, and "tokens per task" is what cost questions start from.
 */
export const METRIC_MODEL_POLICY_TOKENS = "model_policy.tokens" as const;
/** Histogram of routed-call duration in seconds (retries and fallbacks included), by task. */
export const METRIC_MODEL_POLICY_DURATION = "model_policy.duration" as const;
