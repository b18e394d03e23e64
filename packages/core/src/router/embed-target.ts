import type { Failure } from "./attempt-outcome.js";
import type { EmbedContext } from "./embed-context.js";
import type { EmbeddingBatch } from "./embedding-batches.js";
import type { ModelTarget } from "./fallback-chain.js";
import type { AttemptKind } from "./route-result.js";
import { retryOnTarget } from "./run-target.js";
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

/** One batch with the policy's retries, through the loop chat attempts use. */
function embedBatch(
  context: EmbedContext,
  target: ModelTarget,
  batch: EmbeddingBatch,
  kind: AttemptKind,
): Promise<SentEmbedAttempt | Failure> {
  return retryOnTarget(context, target, kind, (attemptKind, delayBeforeMs) =>
    sendEmbedAttempt(context, target, batch, attemptKind, delayBeforeMs),
  );
}
