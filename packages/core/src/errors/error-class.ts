/**
 * The classes every provider or router failure is normalised to. Policies name them in
 * `fallback_on`, spans carry them as `error.type` and `model_policy.fallback.reason`, and the
 * ledger groups by them, so the list is part of the public contract: add, never rename.
 */
export const ERROR_CLASSES = [
  "rate_limit",
  "timeout",
  "server_error",
  "connection",
  "context_length",
  "content_filter",
  "schema_invalid",
  "evidence_missing",
  "output_limit",
  "bad_request",
  "auth",
  "not_found",
  "conflict",
  "aborted",
  "budget_exceeded",
  "queue_full",
  "circuit_open",
  "unknown",
  "rate_limited",
  "budget_exhausted",
] as const;

/** One of {@link ERROR_CLASSES}. */
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/**
 * Classes that a retry on the same model may cure. Everything else either needs another model
 * (context length, content filter) or a fix by the caller (auth, bad request), so retrying it
 * only burns budget.
 */
export const TRANSIENT_ERROR_CLASSES: ReadonlySet<ErrorClass> = new Set<ErrorClass>([
  "rate_limit",
  "timeout",
  "server_error",
  "connection",
  "conflict",
]);

/**
 * Classes of attempts the router itself refused to send: an open circuit (this replica's or the
 * fleet's), a fleet-wide rate limit with no capacity left, a spend budget that rules the target
 * out. Nothing reached the provider, so they always move the call on, whatever `fallback_on` says.
 */
export const REFUSAL_ERROR_CLASSES: ReadonlySet<ErrorClass> = new Set<ErrorClass>([
  "circuit_open",
  "rate_limited",
  "budget_exhausted",
]);

/** Classes that move a call to its fallback chain when a policy does not say otherwise. */
export const DEFAULT_FALLBACK_ON: readonly ErrorClass[] = [
  "rate_limit",
  "timeout",
  "server_error",
  "connection",
  "context_length",
  "schema_invalid",
];
