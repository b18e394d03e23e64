import { isBrokenCircuitError, isTaskCancelledError } from "cockatiel";
import type { ProviderError } from "../errors/provider-error.js";
import { RetryAfterBackoff } from "../resilience/retry-after-backoff.js";
import { admitAttempt, recordRefusal } from "../state/admit-attempt.js";
import { recordSpend } from "../state/spend-gate.js";
import type { Failure } from "./attempt-outcome.js";
import type { EmbedContext } from "./embed-context.js";
import type { EmbeddingBatch } from "./embedding-batches.js";
import type { ModelTarget } from "./fallback-chain.js";
import type { AttemptKind } from "./route-result.js";
import { type SentEmbedAttempt, sendEmbedAttempt } from "./send-embed-attempt.js";

/** Every batch of a call embedded by one model: the vectors in input order, and their size. */
export interface EmbeddedInput {
  readonly kind: "vectors";
  readonly embeddings: number[][];
  readonly servedModel: string;
  readonly dimensions: number;
}

/**
 * Embeds every batch of a call on one model target, in order, each batch through the model's
 * circuit breaker, after the state backend's admission (fleet circuit state, rate limits), with
 * the policy's retries (backoff, or the provider's Retry-After when it
 * fits before the deadline), as `runTarget` does for a chat attempt. Never rejects: a batch
 * that still fails ends the target with its {@link Failure}, and the chain decides whether the
 * next target embeds the whole input again. Vectors of the batches must agree in size, since
 * they come from one model; a batch that disagrees fails the target.
 */
export async function embedTarget(
  context: EmbedContext,
  target: ModelTarget,
  batches: readonly EmbeddingBatch[],
  firstKind: AttemptKind,
): Promise<EmbeddedInput | Failure> {
  const embeddings: number[][] = [];
  let servedModel = target.model;
  let dimensions: number | undefined;
  for (const [index, batch] of batches.entries()) {
    const sent = await embedBatch(context, target, batch, index === 0 ? firstKind : "batch");
    if (sent.kind === "failure") return sent;
    const size = sent.embeddings[0]?.length ?? 0;
    if (dimensions !== undefined && size !== dimensions) {
      const error = new Error(`batch ${index + 1} of ${target.model} returned ${size} dimensions, not ${dimensions}`);
      return { kind: "failure", errorClass: "unknown", error };
    }
    dimensions = size;
    servedModel = sent.servedModel;
    embeddings.push(...sent.embeddings);
  }
  return { kind: "vectors", embeddings, servedModel, dimensions: dimensions ?? 0 };
}

/** One batch with its retries; the loop is `runTarget`'s, so the deadline can cut a backoff short. */
async function embedBatch(
  context: EmbedContext,
  target: ModelTarget,
  batch: EmbeddingBatch,
  kind: AttemptKind,
): Promise<SentEmbedAttempt | Failure> {
  const { retry } = context.call.policy;
  const { deadline } = context;
  const breaker = context.runtime.breakers.breakerFor(target.provider, target.model);
  let attemptKind = kind;
  let delayBeforeMs = 0;
  let backoff: RetryAfterBackoff | undefined;
  for (let sent = 1; ; sent += 1) {
    // The fleet's word first, as for a chat attempt: a circuit another replica opened, a rate limit.
    const refusal = await admitAttempt(context, target);
    if (refusal !== undefined) {
      recordRefusal(context, target, attemptKind, delayBeforeMs, refusal);
      return { kind: "failure", errorClass: refusal.errorClass, error: refusal.error };
    }
    let outcome: SentEmbedAttempt;
    try {
      outcome = await breaker.execute(
        () => sendEmbedAttempt(context, target, batch, attemptKind, delayBeforeMs),
        deadline.signal,
      );
    } catch (error) {
      if (isBrokenCircuitError(error)) {
        recordSkipped(context, target, attemptKind, delayBeforeMs);
        return { kind: "failure", errorClass: "circuit_open", error };
      }
      const ended = isTaskCancelledError(error) || deadline.passed;
      return { kind: "failure", errorClass: ended ? "timeout" : "unknown", error };
    }
    recordSpend(context, outcome.record);
    if (outcome.kind !== "failure" || sent >= retry.max_attempts || !worthRetrying(context, outcome.error)) {
      return outcome;
    }
    backoff ??= new RetryAfterBackoff(retry.base_delay_ms, retry.max_delay_ms);
    delayBeforeMs = backoff.delayMs(sent, outcome.error);
    if (!(await deadline.sleep(delayBeforeMs))) {
      return { kind: "failure", errorClass: "timeout", error: deadline.signal.reason };
    }
    attemptKind = "retry";
  }
}

function worthRetrying(context: EmbedContext, error: ProviderError): boolean {
  const { deadline } = context;
  return error.retryable && !deadline.passed && (error.retryAfterMs ?? 0) < deadline.remainingMs();
}

/** An attempt an open circuit refused, recorded where it happened, as `runTarget` records one. */
function recordSkipped(context: EmbedContext, target: ModelTarget, kind: AttemptKind, delayBeforeMs: number): void {
  const { attempts } = context.state;
  attempts.push({
    index: attempts.length + 1,
    kind,
    provider: target.provider,
    model: target.model,
    tier: target.tier,
    servedModel: undefined,
    outcome: "skipped",
    errorClass: "circuit_open",
    errorMessage: `circuit open for ${target.provider}/${target.model}`,
    status: undefined,
    finishReason: undefined,
    usage: { inputTokens: 0, outputTokens: 0 },
    costUsd: 0,
    delayBeforeMs,
    startedAt: performance.timeOrigin + performance.now(),
    durationMs: 0,
    responseId: undefined,
  });
}
