import type { ChatMessage, TokenUsage } from "../adapter/model-adapter.js";
import { ProviderError } from "../errors/provider-error.js";
import { RequestShapeError } from "../errors/request-shape-error.js";
import type { SentAttempt } from "./attempt-outcome.js";
import type { CallContext, CallStream } from "./call-context.js";
import { checkAnswer } from "./check-answer.js";
import type { ModelTarget } from "./fallback-chain.js";
import { refusedShape } from "./refused-shape.js";
import type { AttemptKind, AttemptRecord } from "./route-result.js";
import type { AttemptCall } from "./router-middleware.js";
import { handOver, streamAttempt, streams } from "./stream-attempt.js";
import { throughAttemptMiddleware } from "./through-attempt-middleware.js";

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/**
 * Sends one attempt to a model through the `onAttempt` middleware, checks the answer against
 * the request's schema (or its tool calls against their tools), and records the attempt in the
 * call's state. Never rejects: an
 * adapter's error, whatever it threw, comes back as a `failure` holding a `ProviderError`
 * (`timeout` when the call's deadline or its caller aborted it).
 */
export async function sendAttempt(
  context: CallContext,
  target: ModelTarget,
  messages: readonly ChatMessage[],
  kind: AttemptKind,
  delayBeforeMs: number,
): Promise<SentAttempt> {
  const { runtime, state, stream } = context;
  const adapter = runtime.adapters.get(target.provider);
  const streamed = stream !== undefined && streams(adapter);
  const attempt: AttemptCall = {
    call: context.call,
    index: state.attempts.length + 1,
    kind,
    provider: target.provider,
    model: target.model,
    tier: target.tier,
    request: {
      model: target.model,
      messages,
      maxOutputTokens: target.maxOutputTokens,
      responseFormat: context.output?.format,
      temperature: context.call.policy.temperature,
      ...(context.tools === undefined ? {} : { tools: context.tools.definitions }),
      ...(context.request.toolChoice === undefined ? {} : { toolChoice: context.request.toolChoice }),
    },
    endpoint: adapter?.endpoint,
    api: adapter?.api,
    ...(streamed ? { stream: true } : {}),
  };
  const send =
    stream === undefined
      ? () => generate(context, attempt, delayBeforeMs)
      : streamed
        ? () => streamAttempt(context, stream, attempt, delayBeforeMs)
        : () => generate(context, attempt, delayBeforeMs, stream);
  return throughAttemptMiddleware(runtime, attempt, state.attempts, send);
}

async function generate(
  context: CallContext,
  attempt: AttemptCall,
  delayBeforeMs: number,
  stream?: CallStream,
): Promise<SentAttempt> {
  const { runtime, deadline } = context;
  const started = performance.now();
  const startedAt = performance.timeOrigin + started;
  const opened = {
    index: attempt.index,
    kind: attempt.kind,
    provider: attempt.provider,
    model: attempt.model,
    tier: attempt.tier,
    delayBeforeMs,
    startedAt,
  };
  try {
    const adapter = runtime.adapterFor(attempt.provider);
    const response = await deadline.race(adapter.generate({ ...attempt.request, signal: deadline.signal }));
    const servedModel = response.servedModel || attempt.model;
    const answer = await checkAnswer(context, response.text, response.toolCalls, servedModel);
    const record: AttemptRecord = {
      ...opened,
      servedModel,
      outcome: answer.kind === "answer" ? "ok" : "error",
      errorClass: answer.kind === "answer" ? undefined : "schema_invalid",
      errorMessage: answer.kind === "answer" ? undefined : answer.problem,
      status: undefined,
      finishReason: response.finishReason,
      usage: response.usage,
      costUsd: runtime.costOf(servedModel, response.usage),
      durationMs: performance.now() - started,
      responseId: response.responseId,
      usageSource: response.usageSource ?? "provider",
      systemFingerprint: response.systemFingerprint,
      serviceTier: response.serviceTier,
      structuredOutputMode: response.structuredOutputMode,
    };
    // An adapter that cannot stream answers a stream call in one chunk: the model's text, never
    // the replay of its tool calls.
    if (stream !== undefined) handOver(context, stream, response.text);
    return { ...answer, record };
  } catch (thrown) {
    const error = asProviderError(thrown, deadline.signal, attempt.model);
    const usage = error.usage ?? NO_USAGE;
    const record: AttemptRecord = {
      ...opened,
      servedModel: undefined,
      outcome: "error",
      errorClass: error.errorClass,
      errorMessage: error.message,
      status: error.status,
      finishReason: undefined,
      usage,
      costUsd: runtime.costOf(attempt.model, usage),
      durationMs: performance.now() - started,
      responseId: undefined,
      // A provider error's usage is what the provider billed (an output-limit stop); none is no usage.
      usageSource: error.usage === undefined ? undefined : "provider",
    };
    return { kind: "failure", record, text: error.text, errorClass: error.errorClass, error };
  }
}

/**
 * Anything an adapter throws becomes a ProviderError; an abort becomes `timeout`. Shared by every
 * kind of attempt (chat, embeddings), so all report a cut-short call the same way.
 */
export function asProviderError(error: unknown, signal: AbortSignal, model: string): ProviderError {
  if (ProviderError.isInstance(error) && !(signal.aborted && error.errorClass === "aborted")) return error;
  if (RequestShapeError.isInstance(error)) return refusedShape(error, model);
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
