import type { EmbedCall } from "@modelpolicy/core";

/**
 * The embeddings request the adapter sends. Only the fields it fills are declared, so the type is
 * a subset of every SDK major's `EmbeddingCreateParams`. `encoding_format` is sent only when the
 * policy sets one: left out, the SDK itself asks for base64 and decodes it to floats.
 */
export interface EmbeddingRequest {
  model: string;
  input: string[];
  dimensions?: number;
  encoding_format?: "float" | "base64";
}

/** The request body of one embeddings batch. */
export function embeddingRequest(call: EmbedCall): EmbeddingRequest {
  const request: EmbeddingRequest = { model: call.model, input: [...call.input] };
  if (call.dimensions !== undefined) request.dimensions = call.dimensions;
  if (call.encodingFormat !== undefined) request.encoding_format = call.encodingFormat;
  return request;
}
