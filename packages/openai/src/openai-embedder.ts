import type { EmbedCall, EmbedResponse } from "@modelpolicy/core";
import { embeddingRequest } from "./embedding-request.js";
import { embeddingResponse } from "./embedding-response.js";
import { mapOpenAIError } from "./map-openai-error.js";
import type { EmbeddingsClientLike } from "./openai-client-like.js";

/**
 * The most inputs OpenAI's embeddings endpoint takes in one request; the router splits larger
 * inputs into batches of at most this many.
 */
export const OPENAI_MAX_EMBEDDING_INPUTS = 2048;

/**
 * The adapter's `embed`: one `embeddings.create` per batch, with the SDK's own retries off
 * (`maxRetries: 0`, the router retries) and the call's signal, its answer mapped by
 * {@link embeddingResponse} and every failure by `mapOpenAIError`, the classes chat calls use.
 */
export function openAIEmbedder(embeddings: EmbeddingsClientLike): (call: EmbedCall) => Promise<EmbedResponse> {
  return async (call) => {
    let raw: unknown;
    try {
      raw = await embeddings.create(embeddingRequest(call), { signal: call.signal, maxRetries: 0 });
    } catch (error) {
      throw mapOpenAIError(error, call.model, call.signal);
    }
    return embeddingResponse(raw, call);
  };
}
