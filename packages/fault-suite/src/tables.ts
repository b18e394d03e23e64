import { defineTable, type ModelPolicyInput } from "@modelpolicy/core";

/** Models of the suite's tiers; prices are set so every cost is known and no price warning fires. */
export const MODELS = {
  fast: "m-fast",
  standard: "m-standard",
  strong: "m-strong",
} as const;

const PRICE = { input_per_million: 0.1, output_per_million: 0.4 };

function policy(id: string, overrides: Partial<ModelPolicyInput> = {}): ModelPolicyInput {
  return {
    id,
    version: "1",
    task: id,
    model_tier: "fast",
    max_input_tokens: 4000,
    max_output_tokens: 200,
    evidence_required: false,
    review_required: false,
    fallback_policy: "next_tier",
    latency_tier: "suite",
    retry: { max_attempts: 3, repair_attempts: 1, evidence_attempts: 0, base_delay_ms: 5, max_delay_ms: 20 },
    timeout_ms: 10_000,
    ...overrides,
  };
}

/**
 * The suite's policy table. `fastProvider` rebinds the first tier (the "refused" rows point it
 * at an adapter whose client talks to a closed port). Each task names the fault it exercises.
 */
export function suiteTable(options: { fastProvider?: string } = {}) {
  return defineTable({
    version: "faults-1",
    tiers: {
      fast: { provider: options.fastProvider ?? "openai", model: MODELS.fast, context_window: 8000 },
      standard: { provider: "openai", model: MODELS.standard, context_window: 128000 },
      strong: { provider: "openai", model: MODELS.strong, context_window: 128000 },
    },
    prices: { [MODELS.fast]: PRICE, [MODELS.standard]: PRICE, [MODELS.strong]: PRICE },
    latency_tiers: { suite: { max_concurrent: 64, max_queue: 5_000, timeout_ms: 30_000 } },
    policies: [
      // Case 1–3: retries on the same model, then the next tier, for the default fallback_on.
      policy("retry_then_next"),
      // Case 3: no fallback at all; transient errors are retried, then the call fails.
      policy("fail_fast", { fallback_policy: "stop", retry: { max_attempts: 2, base_delay_ms: 5, max_delay_ms: 20 } }),
      // Case 3: falls back only on rate limits; everything else fails after its retries.
      policy("only_rate_limit", { fallback_on: ["rate_limit"] }),
      // Case 4: a short deadline over a hanging server.
      policy("deadline", { fallback_policy: "stop", timeout_ms: 600, retry: { max_attempts: 2, base_delay_ms: 5 } }),
      // Case 5: malformed 200s are server errors: retried, then the call fails (no fallback).
      policy("broken_body", { fallback_policy: "stop", retry: { max_attempts: 2, base_delay_ms: 5 } }),
      // Case 6: schema failures get repair re-asks, then fail…
      policy("schema_stop", {
        fallback_policy: "stop",
        retry: { max_attempts: 1, repair_attempts: 2, base_delay_ms: 5 },
      }),
      // …or return what validated, flagged for review.
      policy("schema_partial", {
        fallback_policy: "partial",
        fallback_steps: ["partial"],
        retry: { max_attempts: 1, repair_attempts: 1, base_delay_ms: 5 },
      }),
      // Case 7: a tiny input budget, and a context-length error that must not be retried.
      policy("small_budget", { max_input_tokens: 40, fallback_policy: "stop" }),
      policy("context_length"),
      // Case 8: content filter: no fallback by default…
      policy("filter_default"),
      // …and a policy that allows one, sending the answer to review.
      policy("filter_fallback", {
        fallback_on: ["rate_limit", "timeout", "server_error", "connection", "content_filter"],
        review: { on_fallback: true },
      }),
      // Case 9: one attempt per model so every call moves the breaker by one failure.
      policy("breaker", { retry: { max_attempts: 1, base_delay_ms: 1 } }),
      // Case 10, 11, 14, 16: the load path; first model retried once, then next tier.
      policy("load", { retry: { max_attempts: 2, repair_attempts: 0, base_delay_ms: 1, max_delay_ms: 2 } }),
      // Case 14: the load path with a deadline long enough to wait its turn behind 1000 calls.
      policy("concurrent", {
        timeout_ms: 120_000,
        retry: { max_attempts: 2, repair_attempts: 0, base_delay_ms: 1, max_delay_ms: 2 },
      }),
      // Case 12: structured output checked by a user schema (whose refine may throw).
      policy("structured", { fallback_policy: "stop", retry: { max_attempts: 1, repair_attempts: 0 } }),
    ],
  });
}

/** The suite's table type, with its task names. */
export type SuiteTable = ReturnType<typeof suiteTable>;
/** A task of the suite's table. */
export type SuiteTask = SuiteTable extends { __tasks?: infer T } ? Exclude<T, undefined> : string;
