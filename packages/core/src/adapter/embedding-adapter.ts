import type { UsageSource } from "./model-adapter.js";

/**
 * How vectors travel over the wire. The router always hands back numbers: `base64` only asks the
 * provider for the smaller encoding (the adapter decodes it), which is worth it for large batches.
 */
export type EmbeddingEncodingFormat = "float" | "base64";

/** One embeddings request as the router sends it: one provider-sized batch of a call's input. */
export interface EmbedCall {
  /** Provider model name from the tier binding. */
  model: string;
  /** The texts of this batch, in order; never empty. */
  input: readonly string[];
  /** The vector size to ask for, when the policy sets one (OpenAI's `dimensions`). */
  dimensions?: number;
  /** The wire encoding to ask for, when the policy sets one; absent leaves it to the adapter. */
  encodingFormat?: EmbeddingEncodingFormat;
  /** Aborted when the call's deadline passes or its caller gives up. */
  signal: AbortSignal;
}

/** A provider's embeddings answer for one batch. */
export interface EmbedResponse {
  /** One vector per input, in input order, decoded to numbers whatever the wire encoding was. */
  embeddings: number[][];
  /** Input tokens as billed; embeddings have no output tokens. */
  usage: { inputTokens: number };
  /** The model the provider says answered, which may differ from the one asked for. */
  servedModel: string;
  /** Provider request id, when the provider sends one. */
  responseId?: string;
  /** Defaults to `provider`: set `estimated` when the provider sent no usage and the adapter counted. */
  usageSource?: UsageSource;
}

/**
 * What a `ModelAdapter` adds to serve `router.embed`, kept apart from the chat contract so
 * an adapter without embeddings is simply one that leaves it out (the router then refuses the
 * call with a `ConfigurationError` before sending anything). Like `generate`, `embed` never
 * retries and reports every failure as a `ProviderError` with its error class.
 */
export interface EmbeddingCapability {
  /**
   * Embeds one batch. Resolves with one vector per input, or rejects with a `ProviderError`.
   * Must stop promptly when `signal` aborts.
   */
  embed?(call: EmbedCall): Promise<EmbedResponse>;
  /**
   * The most inputs one `embed` call may carry (OpenAI: 2048). The router splits a call's input
   * into batches no larger than this or the policy's `embedding.max_batch_items`, whichever is
   * smaller; without either, the whole input is one batch.
   */
  readonly maxEmbeddingBatchItems?: number;
}
