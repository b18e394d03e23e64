import type { ModelAdapter, TokenUsage } from "../adapter/model-adapter.js";
import type { FinishPart, ResponseMetadataPart, StreamPart } from "../adapter/stream-part.js";
import { ProviderError } from "../errors/provider-error.js";
import { RequestShapeError } from "../errors/request-shape-error.js";
import type { SentAttempt } from "./attempt-outcome.js";
import type { CallContext, CallStream } from "./call-context.js";
import { checkAnswer } from "./check-answer.js";
import { refusedShape } from "./refused-shape.js";
import type { AttemptRecord } from "./route-result.js";
import type { AttemptCall } from "./router-middleware.js";

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };
const ignore = () => {};

/** Whether `router.stream` sends an attempt to this adapter with `stream` (else with `generate`). */
export function streams(adapter: ModelAdapter | undefined): boolean {
  return adapter?.specificationVersion === "v2" && typeof adapter.stream === "function";
}

/**
 * Hands one delta of the answer to the caller; the first non-empty one marks the call's time to
 * first chunk and commits it (no retry or fallback from then on).
 */
export function handOver(context: CallContext, stream: CallStream, text: string): void {
  if (text === "") return;
  context.state.markFirstChunk();
  stream.channel.push(text);
}

/** The idle timeout fired: no part arrived in time. */
class IdleTimeout {
  constructor(readonly ms: number) {}
}

/**
 * Sends one attempt with the adapter's `stream`, handing each text delta to the caller as it
 * arrives, and ends like `generate` does: an answer checked against the schema once the text is
 * complete (or, when it called tools, its calls from the `finish` part checked against their
 * tools), or a failure holding a `ProviderError`. Tool calls never reach the text channel, so a
 * stream that only calls tools commits nothing and may still be retried or repaired. Never
 * rejects. Whatever ends it early (a provider error, the idle timeout, the deadline, the
 * caller's abort or stop) aborts this attempt's signal and calls the iterator's `return()`, so
 * the connection is released; a failure after the first delta has finish reason `error` and,
 * without the provider's usage, an estimate.
 */
export async function streamAttempt(
  context: CallContext,
  stream: CallStream,
  attempt: AttemptCall,
  delayBeforeMs: number,
): Promise<SentAttempt> {
  const { runtime, deadline } = context;
  const started = performance.now();
  const opened = {
    index: attempt.index,
    kind: attempt.kind,
    provider: attempt.provider,
    model: attempt.model,
    tier: attempt.tier,
    delayBeforeMs,
    startedAt: performance.timeOrigin + started,
  };
  // This attempt's own abort: the idle timeout ends the attempt, not the call. The call's end
  // reaches it through one listener on the call's signal (not `AbortSignal.any`, see CallDeadline).
  const controller = new AbortController();
  const { signal } = controller;
  const forward = () => controller.abort(deadline.signal.reason);
  if (deadline.passed) forward();
  else deadline.signal.addEventListener("abort", forward, { once: true });
  let iterator: AsyncIterator<StreamPart> | undefined;
  let text = "";
  let firstPartAt: number | undefined;
  let metadata: ResponseMetadataPart | undefined;
  let finish: FinishPart | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  try {
    const adapter = runtime.adapterFor(attempt.provider) as Required<Pick<ModelAdapter, "stream">>;
    const parts = await deadline.race(Promise.resolve(adapter.stream({ ...attempt.request, signal })));
    iterator = parts[Symbol.asyncIterator]();
    // One idle timer per attempt, restarted before each read; when it fires, the read in flight
    // is settled with an IdleTimeout (the call goes on: the router may retry or fall back).
    const idleMs = stream.idleTimeoutMs;
    idle = setTimeout(() => deadline.interrupt(new IdleTimeout(idleMs)), idleMs);
    while (finish === undefined) {
      idle.refresh();
      const step = await deadline.race(iterator.next());
      if (step.done) break;
      const part = step.value;
      firstPartAt ??= performance.now();
      if (part.type === "text-delta") {
        text += part.text;
        handOver(context, stream, part.text);
      } else if (part.type === "response-metadata") {
        metadata = part;
      } else if (part.type === "finish") {
        finish = part;
      }
    }
    // Read to the finish; an adapter whose stream ends there finishes its own cleanup here.
    void Promise.resolve(iterator.return?.()).catch(ignore);
    if (finish === undefined) {
      throw new ProviderError({
        errorClass: "connection",
        message: "the provider's stream ended before its finish",
        model: attempt.model,
      });
    }
  } catch (thrown) {
    controller.abort();
    if (iterator !== undefined) void Promise.resolve(iterator.return?.()).catch(ignore);
    const error = streamError(thrown, context, attempt.model);
    const delivered = text !== "";
    // Tokens were generated and billed even though the usage chunk never came: estimate them.
    const usage: TokenUsage =
      error.usage ??
      (delivered
        ? { inputTokens: context.state.inputTokens?.tokens ?? 0, outputTokens: Math.ceil(text.length / 4) }
        : NO_USAGE);
    const record: AttemptRecord = {
      ...opened,
      servedModel: metadata?.servedModel,
      outcome: "error",
      errorClass: error.errorClass,
      errorMessage: error.message,
      status: error.status,
      finishReason: delivered ? "error" : undefined,
      usage,
      costUsd: runtime.costOf(metadata?.servedModel || attempt.model, usage),
      durationMs: performance.now() - started,
      responseId: metadata?.responseId,
      usageSource: error.usage !== undefined ? "provider" : delivered ? "estimated" : undefined,
      systemFingerprint: metadata?.systemFingerprint,
      serviceTier: metadata?.serviceTier,
      timeToFirstChunkMs: firstPartAt === undefined ? undefined : firstPartAt - started,
    };
    return { kind: "failure", record, text: delivered ? text : undefined, errorClass: error.errorClass, error };
  } finally {
    clearTimeout(idle);
    deadline.signal.removeEventListener("abort", forward);
  }
  const servedModel = finish.servedModel || metadata?.servedModel || attempt.model;
  // The adapter delivers tool calls whole on its finish: they are checked as `generate` checks them.
  const answer = await checkAnswer(context, text, finish.toolCalls, servedModel);
  const record: AttemptRecord = {
    ...opened,
    servedModel,
    outcome: answer.kind === "answer" ? "ok" : "error",
    errorClass: answer.kind === "answer" ? undefined : "schema_invalid",
    errorMessage: answer.kind === "answer" ? undefined : answer.problem,
    status: undefined,
    finishReason: finish.finishReason,
    usage: finish.usage,
    costUsd: runtime.costOf(servedModel, finish.usage),
    durationMs: performance.now() - started,
    responseId: finish.responseId ?? metadata?.responseId,
    usageSource: finish.usageSource ?? "provider",
    systemFingerprint: finish.systemFingerprint ?? metadata?.systemFingerprint,
    serviceTier: finish.serviceTier ?? metadata?.serviceTier,
    structuredOutputMode: finish.structuredOutputMode,
    timeToFirstChunkMs: firstPartAt === undefined ? undefined : firstPartAt - started,
  };
  return { ...answer, record };
}

/**
 * What ended a stream early, as a `ProviderError`: the idle timeout and the deadline are
 * `timeout`, the caller's abort or stop is `aborted` (neither is retried: the call is over), a
 * provider error is itself, anything else `unknown`.
 */
function streamError(thrown: unknown, context: CallContext, model: string): ProviderError {
  const { deadline } = context;
  if (thrown instanceof IdleTimeout) {
    return new ProviderError({
      errorClass: "timeout",
      message: `no part of the provider's stream arrived for ${thrown.ms} ms`,
      model,
    });
  }
  if (deadline.passed) {
    const aborted = deadline.abortedByCaller;
    return new ProviderError({
      errorClass: aborted ? "aborted" : "timeout",
      message: aborted ? "the caller aborted the stream" : "deadline passed during the provider's stream",
      model,
      retryable: false,
      cause: thrown,
    });
  }
  if (ProviderError.isInstance(thrown)) return thrown;
  if (RequestShapeError.isInstance(thrown)) return refusedShape(thrown, model);
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new ProviderError({ errorClass: "unknown", message, model, retryable: false, cause: thrown });
}
