import type { EmbedResponse } from "../adapter/embedding-adapter.js";
import { ProviderError } from "../errors/provider-error.js";
import type { Failure } from "./attempt-outcome.js";
import type { EmbedContext } from "./embed-context.js";
import type { EmbeddingBatch } from "./embedding-batches.js";
import type { ModelTarget } from "./fallback-chain.js";
import type { AttemptKind, AttemptRecord } from "./route-result.js";
import type { AttemptCall, AttemptResult } from "./router-middleware.js";
import { asProviderError } from "./send-attempt.js";
import { throughAttemptMiddleware } from "./through-attempt-middleware.js";

/** A batch's vectors, and the model that made them. */
export interface EmbeddedBatch {
  readonly kind: "vectors";
  readonly embeddings: number[][];
  readonly servedModel: string;
}

/** One sent embeddings attempt: its outcome together with what `onAttempt` middleware saw. */
export type SentEmbedAttempt = AttemptResult & (EmbeddedBatch | (Failure & { readonly error: ProviderError }));

/**
 * Sends one batch to a model through the `onAttempt` middleware (which sees an attempt with
 * `operation: "embeddings"`), checks that the answer has one vector per input, and records the
 * attempt in the call's state. Never rejects: whatever the adapter threw comes back as a
 * `failure` holding a `ProviderError`.
 */
export async function sendEmbedAttempt(
  context: EmbedContext,
  target: ModelTarget,
  batch: EmbeddingBatch,
  kind: AttemptKind,
  delayBeforeMs: number,
): Promise<SentEmbedAttempt> {
  const { runtime, state, settings } = context;
  const adapter = runtime.adapters.get(target.provider);
  const attempt: AttemptCall = {
    call: context.call,
    index: state.attempts.length + 1,
    kind,
    provider: target.provider,
    model: target.model,
    tier: target.tier,
    request: { model: target.model, messages: [], maxOutputTokens: 0 },
    endpoint: adapter?.endpoint,
    operation: "embeddings",
    embedding: {
      model: target.model,
      inputs: batch.input.length,
      dimensions: settings?.dimensions,
      encodingFormat: settings?.encoding_format,
    },
  };
  const send = () => embed(context, attempt, batch, delayBeforeMs);
  return throughAttemptMiddleware(runtime, attempt, state.attempts, send);
}

async function embed(
  context: EmbedContext,
  attempt: AttemptCall,
  batch: EmbeddingBatch,
  delayBeforeMs: number,
): Promise<SentEmbedAttempt> {
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
    finishReason: undefined,
  };
  let response: EmbedResponse | undefined;
  try {
    const adapter = runtime.adapterFor(attempt.provider);
    if (adapter.embed === undefined) throw new Error(`adapter "${adapter.provider}" has no embed`);
    const { embedding } = attempt;
    response = await deadline.race(
      adapter.embed({
        model: attempt.model,
        input: batch.input,
        dimensions: embedding?.dimensions,
        encodingFormat: embedding?.encodingFormat,
        signal: deadline.signal,
      }),
    );
    checkVectors(response, batch, attempt.model);
    const servedModel = response.servedModel || attempt.model;
    const usage = { inputTokens: response.usage.inputTokens, outputTokens: 0 };
    const record: AttemptRecord = {
      ...opened,
      servedModel,
      outcome: "ok",
      errorClass: undefined,
      errorMessage: undefined,
      status: undefined,
      usage,
      costUsd: runtime.costOf(servedModel, usage),
      durationMs: performance.now() - started,
      responseId: response.responseId,
      usageSource: response.usageSource ?? "provider",
      dimensions: response.embeddings[0]?.length,
    };
    return { kind: "vectors", record, text: undefined, embeddings: response.embeddings, servedModel };
  } catch (thrown) {
    const error = asProviderError(thrown, deadline.signal, attempt.model);
    // An answer that was billed but unusable (wrong vector count) still cost its tokens.
    const usage = { inputTokens: response?.usage.inputTokens ?? error.usage?.inputTokens ?? 0, outputTokens: 0 };
    const record: AttemptRecord = {
      ...opened,
      servedModel: response?.servedModel,
      outcome: "error",
      errorClass: error.errorClass,
      errorMessage: error.message,
      status: error.status,
      usage,
      costUsd: runtime.costOf(response?.servedModel || attempt.model, usage),
      durationMs: performance.now() - started,
      responseId: response?.responseId,
      usageSource: response !== undefined || error.usage !== undefined ? "provider" : undefined,
    };
    return { kind: "failure", record, text: undefined, errorClass: error.errorClass, error };
  }
}

/** A provider that answers with the wrong number of vectors (or ragged ones) broke the contract. */
function checkVectors(response: EmbedResponse, batch: EmbeddingBatch, model: string): void {
  const { embeddings } = response;
  const size = embeddings[0]?.length ?? 0;
  const problem =
    embeddings.length !== batch.input.length
      ? `${embeddings.length} vectors for ${batch.input.length} inputs`
      : size === 0 || embeddings.some((vector) => vector.length !== size)
        ? "vectors of differing or zero length"
        : undefined;
  if (problem === undefined) return;
  throw new ProviderError({
    errorClass: "unknown",
    message: `the provider answered an embeddings request with ${problem}`,
    model,
    retryable: false,
  });
}
