import type { ErrorClass } from "../errors/error-class.js";
import { ProviderError } from "../errors/provider-error.js";
import type { RateLimit } from "../policy/policy-schema.js";
import type { CallContext } from "../router/call-context.js";
import type { ModelTarget } from "../router/fallback-chain.js";
import type { AttemptKind } from "../router/route-result.js";

/** Why the router did not send an attempt it was about to send; recorded as a skipped attempt. */
export interface AttemptRefusal {
  readonly errorClass: Extract<ErrorClass, "circuit_open" | "rate_limited">;
  readonly message: string;
  /** What a failed call names as its cause: nothing was sent, so nothing is retryable. */
  readonly error: ProviderError;
}

/**
 * Asks the router's state backend whether an attempt at `target` may go out: not while some
 * replica reports the model's circuit open (breakers on), and only with capacity left in the
 * fleet-wide rate limits of the model (`provider/model`) and of its provider account
 * (`provider`). An attempt takes one request and its estimated tokens (the counted input plus
 * the output limit, as providers reserve them). A refused attempt is never waited for: the call
 * moves on to its next target, as it does for an open circuit, because a later target may have
 * capacity now and the limit's window can be a minute away. Undefined means go.
 */
export function admitAttempt(
  context: CallContext,
  target: ModelTarget,
): AttemptRefusal | undefined | Promise<AttemptRefusal | undefined> {
  const { runtime } = context;
  const key = `${target.provider}/${target.model}`;
  if (runtime.breakersOn && runtime.state.breakerOpenUntil(key) !== undefined) {
    return refusal("circuit_open", `circuit open for ${key}`, target);
  }
  const limits = runtime.table.rateLimits;
  const modelLimit = limits[key];
  const providerLimit = limits[target.provider];
  if (modelLimit === undefined && providerLimit === undefined) return undefined;
  const tokens = (context.state.inputTokens?.tokens ?? 0) + target.maxOutputTokens;
  return acquireAll(
    context,
    [
      [key, modelLimit],
      [target.provider, providerLimit],
    ],
    target,
    tokens,
  );
}

async function acquireAll(
  context: CallContext,
  limits: readonly (readonly [string, RateLimit | undefined])[],
  target: ModelTarget,
  tokens: number,
): Promise<AttemptRefusal | undefined> {
  for (const [name, limit] of limits) {
    if (limit === undefined) continue;
    const decision = await context.runtime.state.acquire(name, limit, 1, tokens);
    if (!decision.granted) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      const message = `rate limit "${name}" has no capacity left this minute (${describe(limit)}); it frees in ${seconds} s`;
      return refusal("rate_limited", message, target);
    }
  }
  return undefined;
}

function refusal(errorClass: AttemptRefusal["errorClass"], message: string, target: ModelTarget): AttemptRefusal {
  const error = new ProviderError({ errorClass, message, model: target.model, retryable: false });
  return { errorClass, message, error };
}

function describe(limit: RateLimit): string {
  return [limit.rpm === undefined ? "" : `${limit.rpm} rpm`, limit.tpm === undefined ? "" : `${limit.tpm} tpm`]
    .filter(Boolean)
    .join(", ");
}

/**
 * Records an attempt the router refused to send as `skipped`, with the refusal's class and
 * message, like an attempt its own open circuit skipped: the decision summary and the telemetry
 * show the model the call would have used and why it moved on.
 */
export function recordRefusal(
  context: CallContext,
  target: ModelTarget,
  kind: AttemptKind,
  delayBeforeMs: number,
  refusal: AttemptRefusal,
): void {
  const { attempts } = context.state;
  attempts.push({
    index: attempts.length + 1,
    kind,
    provider: target.provider,
    model: target.model,
    tier: target.tier,
    servedModel: undefined,
    outcome: "skipped",
    errorClass: refusal.errorClass,
    errorMessage: refusal.message,
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
