import type { EmbedCall } from "../adapter/embedding-adapter.js";

/**
 * What an embeddings attempt asks for, as middleware sees it: the batch's size instead of its
 * texts (telemetry never records input content of embeddings), the vector size and the wire
 * encoding when the policy sets them (GenAI's `gen_ai.embeddings.dimension.count` request side
 * and `gen_ai.request.encoding_formats`).
 */
export interface EmbeddingAttemptRequest extends Omit<EmbedCall, "signal" | "input"> {
  /** Items in this attempt's batch. */
  readonly inputs: number;
}
