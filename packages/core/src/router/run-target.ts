import { isBrokenCircuitError, isTaskCancelledError } from "cockatiel";
import type { ChatMessage } from "../adapter/model-adapter.js";
import type { ProviderError } from "../errors/provider-error.js";
import { RetryAfterBackoff } from "../resilience/retry-after-backoff.js";
import { admitAttempt, recordRefusal } from "../state/admit-attempt.js";
import { recordSpend } from "../state/spend-gate.js";
import type { AttemptOutcome, Failure } from "./attempt-outcome.js";
import type { CallContext } from "./call-context.js";
import type { ModelTarget } from "./fallback-chain.js";
import type { AttemptKind } from "./route-result.js";
import type { AttemptResult } from "./router-middleware.js";
import { sendAttempt } from "./send-attempt.js";

/**
 * Sends to one model target through its circuit breaker, retrying transient failures (backoff,
 * or the provider's Retry-After when it fits before the deadline) up to the policy's
 * `retry.max_attempts`. Never rejects: every ending is an {@link AttemptOutcome}, and every
 * attempt lands in the call's state, those an open circuit (this router's or the fleet's) or a
 * fleet-wide rate limit skipped included. An answer that
 * fails the schema is returned, not retried here: repairing it is the caller's decision.
 *
 * The loop is the router's own rather than a cockatiel `retry()` policy, whose backoff sleep
 * the call's deadline could not cut short; this one's can.
 */
export function runTarget(
  context: CallContext,
  target: ModelTarget,
  messages: readonly ChatMessage[],
  kind: AttemptKind,
): Promise<AttemptOutcome> {
  return retryOnTarget(context, target, kind, (attemptKind, delayBeforeMs) =>
    sendAttempt(context, target, messages, attemptKind, delayBeforeMs),
  );
}

/** What one send of any operation ends with: a record, and a `ProviderError` when it failed. */
type SentOnce = AttemptResult & { readonly kind: string; readonly error?: unknown };

/**
 * The retry loop every operation shares (chat attempts, embedding batches): the state backend's
 * admission, the model's breaker, the policy's retries with backoff or Retry-After, and a
 * deadline that cuts a backoff short. `send` makes one attempt and records it.
 */
export async function retryOnTarget<Sent extends SentOnce>(
  context: CallContext,
  target: ModelTarget,
  kind: AttemptKind,
  send: (attemptKind: AttemptKind, delayBeforeMs: number) => Promise<Sent>,
): Promise<Sent | Failure> {
  const { retry } = context.call.policy;
  const { deadline } = context;
  const breaker = context.runtime.breakers.breakerFor(target.provider, target.model);
  let attemptKind = kind;
  let delayBeforeMs = 0;
  let backoff: RetryAfterBackoff | undefined;
  for (let sent = 1; ; sent += 1) {
    // The fleet's word first: a circuit another replica opened, a rate limit with no capacity.
    const refusal = await admitAttempt(context, target);
    if (refusal !== undefined) {
      recordRefusal(context, target, attemptKind, delayBeforeMs, refusal);
      return { kind: "failure", errorClass: refusal.errorClass, error: refusal.error };
    }
    let outcome: Sent;
    try {
      outcome = await breaker.execute(() => send(attemptKind, delayBeforeMs), deadline.signal);
    } catch (error) {
      // Only the breaker throws here: an open circuit, or a call that ended before its turn.
      if (isBrokenCircuitError(error)) {
        recordSkipped(context, target, attemptKind, delayBeforeMs);
        return { kind: "failure", errorClass: "circuit_open", error };
      }
      const ended = isTaskCancelledError(error) || deadline.passed;
      return { kind: "failure", errorClass: ended ? "timeout" : "unknown", error };
    }
    recordSpend(context, outcome.record);
    const error = outcome.kind === "failure" ? (outcome.error as ProviderError) : undefined;
    if (error === undefined || sent >= retry.max_attempts || !worthRetrying(context, error)) return outcome;
    backoff ??= new RetryAfterBackoff(retry.base_delay_ms, retry.max_delay_ms);
    delayBeforeMs = backoff.delayMs(sent, error);
    if (!(await deadline.sleep(delayBeforeMs))) {
      return { kind: "failure", errorClass: "timeout", error: deadline.signal.reason };
    }
    attemptKind = "retry";
  }
}

/** A transient failure is retried while the call has time left for what the provider asked. */
function worthRetrying(context: CallContext, error: ProviderError): boolean {
  const { deadline } = context;
  // Nothing is retried once a streamed chunk reached the caller: the answer has begun.
  if (context.stream?.channel.committed) return false;
  return error.retryable && !deadline.passed && (error.retryAfterMs ?? 0) < deadline.remainingMs();
}

/** A skipped attempt keeps the wait that preceded it, so decision events place it where it happened. */
function recordSkipped(context: CallContext, target: ModelTarget, kind: AttemptKind, delayBeforeMs: number): void {
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
