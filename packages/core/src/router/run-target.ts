import { isBrokenCircuitError, isTaskCancelledError } from "cockatiel";
import type { ChatMessage, ModelAdapter, ResponseFormat, TokenUsage } from "../adapter/model-adapter.js";
import type { DiagnosticHandler } from "../diagnostics.js";
import type { ErrorClass } from "../errors/error-class.js";
import { ProviderError } from "../errors/provider-error.js";
import type { PriceBook } from "../pricing/price-book.js";
import type { BreakerRegistry } from "../resilience/breaker-registry.js";
import { RetryAfterBackoff } from "../resilience/retry-after-backoff.js";
import type { OutputSchema } from "../schema/output-schema.js";
import { attemptRecord } from "./attempt-record.js";
import type { CallState } from "./call-state.js";
import { type Layer, runLayers } from "./compose-middleware.js";
import type { ChainTarget } from "./fallback-chain.js";
import type { InFlightAbort } from "./in-flight-abort.js";
import type { AttemptCall, AttemptResult, RoutedCall, RouterMiddleware } from "./middleware.js";
import { checkOutput, type OutputCheck } from "./output-check.js";
import type { AttemptKind } from "./route-result.js";

/** What the router shares with every attempt of one call. */
export interface AttemptContext {
  readonly call: RoutedCall;
  readonly state: CallState;
  readonly signal: AbortSignal;
  /** Settles the in-flight adapter call when `signal` aborts, even if the adapter ignores it. */
  readonly inFlight: InFlightAbort;
  /** Monotonic time (performance.now) by which the call must end. */
  readonly deadline: number;
  readonly adapters: ReadonlyMap<string, ModelAdapter>;
  readonly breakers: BreakerRegistry;
  readonly prices: PriceBook;
  readonly attemptMiddleware: readonly RouterMiddleware[];
  readonly report: DiagnosticHandler;
  readonly warnUnpriced: (model: string) => void;
  readonly schema: OutputSchema | undefined;
  readonly responseFormat: ResponseFormat | undefined;
  readonly temperature: number | undefined;
}

/**
 * How one model target ended after its transient retries. An answer (valid or not) carries the
 * model the provider said served it, so a result can name the model whose output it returns.
 */
export type TargetOutcome =
  | { readonly ok: true; readonly value: unknown; readonly text: string; readonly servedModel: string }
  | {
      readonly ok: false;
      readonly errorClass: ErrorClass;
      readonly error: unknown;
      /** Repair feedback and the text that earned it, for schema failures. */
      readonly problem?: string;
      readonly text?: string;
      readonly candidate?: unknown;
      readonly servedModel?: string;
    };

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/**
 * Sends one model target, retrying transient failures (backoff, Retry-After) through the model's
 * circuit breaker. Never throws: every ending is a {@link TargetOutcome}, and every attempt lands
 * in the call's state, skipped ones included.
 *
 * The retry loop is the router's own rather than a cockatiel `retry()` policy: a policy object,
 * its event emitters and two async frames per attempt were built on every call only to run the
 * same few lines, and its backoff sleep could not be cut by the call's deadline; this one is.
 */
export async function runTarget(
  context: AttemptContext,
  target: Extract<ChainTarget, { kind: "model" }>,
  messages: readonly ChatMessage[],
  kind: AttemptKind,
): Promise<TargetOutcome> {
  const { retry: retrySettings } = context.state.policy;
  const breaker = context.breakers.breakerFor(target.provider, target.model);
  let attemptKind = kind;
  let delayBeforeMs = 0;
  let backoff: RetryAfterBackoff | undefined;
  for (let retries = 0; ; retries += 1) {
    try {
      const check = await breaker.execute(
        () => sendAttempt(context, target, messages, attemptKind, delayBeforeMs),
        context.signal,
      );
      if (check.ok) return { ok: true, value: check.value, text: check.text, servedModel: check.servedModel };
      return {
        ok: false,
        errorClass: "schema_invalid",
        error: new ProviderError({ errorClass: "schema_invalid", message: check.problem, model: target.model }),
        problem: check.problem,
        text: check.text,
        candidate: check.candidate,
        servedModel: check.servedModel,
      };
    } catch (error) {
      if (isBrokenCircuitError(error)) {
        recordSkipped(context, target, attemptKind);
        return { ok: false, errorClass: "circuit_open", error };
      }
      if (ProviderError.isInstance(error)) {
        if (retries + 1 >= retrySettings.max_attempts || !worthRetrying(context, error)) {
          return { ok: false, errorClass: error.errorClass, error };
        }
        backoff ??= new RetryAfterBackoff(retrySettings.base_delay_ms, retrySettings.max_delay_ms);
        delayBeforeMs = backoff.delayMs(retries + 1, error);
        try {
          await sleepUnlessAborted(delayBeforeMs, context.inFlight);
        } catch (abort) {
          return { ok: false, errorClass: "timeout", error: abort };
        }
        attemptKind = "retry";
        continue;
      }
      if (isTaskCancelledError(error) || context.signal.aborted) {
        return { ok: false, errorClass: "timeout", error };
      }
      return { ok: false, errorClass: "unknown", error };
    }
  }
}

/** A transient failure is retried while the call has time left for what the provider asked. */
function worthRetrying(context: AttemptContext, error: ProviderError): boolean {
  return error.retryable && !context.signal.aborted && (error.retryAfterMs ?? 0) < context.deadline - performance.now();
}

/** Waits `ms`, or rejects as soon as the call's signal aborts (its deadline or its caller). */
function sleepUnlessAborted(ms: number, inFlight: InFlightAbort): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slept = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return inFlight.race(slept).finally(() => clearTimeout(timer));
}

type CheckedAnswer = OutputCheck & { readonly text: string; readonly servedModel: string };

async function sendAttempt(
  context: AttemptContext,
  target: Extract<ChainTarget, { kind: "model" }>,
  messages: readonly ChatMessage[],
  kind: AttemptKind,
  delayBeforeMs: number,
): Promise<CheckedAnswer> {
  const { state } = context;
  const request = {
    model: target.model,
    messages,
    maxOutputTokens: target.maxOutputTokens,
    responseFormat: context.responseFormat,
    temperature: context.temperature,
  };
  const attempt: AttemptCall = {
    call: context.call,
    index: state.attempts.length + 1,
    kind,
    provider: target.provider,
    model: target.model,
    tier: target.tier,
    request,
  };
  let failure: ProviderError | undefined;
  let answer: CheckedAnswer | undefined;

  const inner = async (): Promise<AttemptResult> => {
    const startedAt = Date.now();
    const started = performance.now();
    try {
      const adapter = context.adapters.get(target.provider);
      if (!adapter) throw new Error(`no adapter for provider "${target.provider}"`);
      const response = await context.inFlight.race(
        adapter.generate({
          model: request.model,
          messages: request.messages,
          maxOutputTokens: request.maxOutputTokens,
          responseFormat: request.responseFormat,
          temperature: request.temperature,
          signal: context.signal,
        }),
      );
      const checking = checkOutput(response.text, context.schema);
      // Awaited only when the validator answered asynchronously: most never do.
      const check = checking instanceof Promise ? await checking : checking;
      const served = response.servedModel || target.model;
      answer = check.ok
        ? { ok: true, value: check.value, text: response.text, servedModel: served }
        : { ok: false, problem: check.problem, candidate: check.candidate, text: response.text, servedModel: served };
      const record = attemptRecord(attempt, delayBeforeMs, startedAt, {
        servedModel: served,
        outcome: check.ok ? "ok" : "error",
        errorClass: check.ok ? undefined : "schema_invalid",
        errorMessage: check.ok ? undefined : check.problem,
        status: undefined,
        finishReason: response.finishReason,
        usage: response.usage,
        costUsd: priceAttempt(context, served, response.usage),
        durationMs: performance.now() - started,
        responseId: response.responseId,
      });
      return { record, text: response.text };
    } catch (error) {
      failure = normaliseFailure(error, context.signal, target.model);
      const usage = failure.usage ?? NO_USAGE;
      const record = attemptRecord(attempt, delayBeforeMs, startedAt, {
        servedModel: undefined,
        outcome: "error",
        errorClass: failure.errorClass,
        errorMessage: failure.message,
        status: failure.status,
        finishReason: undefined,
        usage,
        costUsd: priceAttempt(context, target.model, usage),
        durationMs: performance.now() - started,
        responseId: undefined,
      });
      return { record, text: undefined };
    }
  };

  const layers: Layer<AttemptResult>[] = context.attemptMiddleware.map(
    (middleware) => (next) => middleware.onAttempt?.(attempt, next),
  );
  const result = layers.length === 0 ? await inner() : await runLayers(layers, inner, context.report, "onAttempt");
  state.attempts.push(result.record);
  if (failure) throw failure;
  if (!answer) throw new ProviderError({ errorClass: "unknown", message: "attempt ended without an answer" });
  return answer;
}

function priceAttempt(context: AttemptContext, model: string, usage: TokenUsage): number | null {
  if (usage.inputTokens + usage.outputTokens === 0) return 0;
  const cost = context.prices.costOf(model, usage);
  if (cost === null) context.warnUnpriced(model);
  return cost;
}

function recordSkipped(context: AttemptContext, target: Extract<ChainTarget, { kind: "model" }>, kind: AttemptKind) {
  context.state.attempts.push({
    index: context.state.attempts.length + 1,
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
    usage: NO_USAGE,
    costUsd: 0,
    delayBeforeMs: 0,
    startedAt: Date.now(),
    durationMs: 0,
    responseId: undefined,
  });
}

/** Anything an adapter throws becomes a ProviderError; an abort becomes `timeout`. */
function normaliseFailure(error: unknown, signal: AbortSignal, model: string): ProviderError {
  if (ProviderError.isInstance(error) && !(signal.aborted && error.errorClass === "aborted")) return error;
  if (signal.aborted) {
    return new ProviderError({
      errorClass: "timeout",
      message: "deadline passed during the provider call",
      model,
      retryable: false,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({ errorClass: "unknown", message, model, retryable: false, cause: error });
}
