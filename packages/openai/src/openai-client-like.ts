import type { ChatCompletionMessage, ChatCompletionTool, ChatCompletionToolChoice } from "./chat-completion-tools.js";
import type { EmbeddingRequest } from "./embedding-request.js";
import type { ResponsesRequest } from "./responses-request.js";

/**
 * The chat-completions request the adapter sends. Only the fields it fills are declared, so the
 * type is a subset of every SDK major's `ChatCompletionCreateParamsNonStreaming`.
 */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatCompletionMessage[];
  tools?: ChatCompletionTool[];
  tool_choice?: ChatCompletionToolChoice;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  response_format?:
    | { type: "json_schema"; json_schema: { name: string; schema: Record<string, unknown>; strict: boolean } }
    /** llama-cpp-python's grammar-constrained JSON; OpenAI itself refuses the `schema` field. */
    | { type: "json_object"; schema: Record<string, unknown> }
    | { type: "json_object" };
  /** Set by `stream`; the SDK then answers with its `Stream` of chunks instead of a completion. */
  stream?: true;
  /** Asks for a last chunk with the whole stream's usage (see `sendsStreamOptions`). */
  stream_options?: { include_usage: boolean };
}

/** The per-request options the adapter passes; every SDK major accepts both. */
export interface ChatCompletionRequestOptions {
  signal: AbortSignal;
  maxRetries: number;
}

/**
 * The part of an `OpenAI` client the adapter uses: `chat.completions.create(body, options)`,
 * `baseURL` and, on an `AzureOpenAI`, `apiVersion`. Typed structurally instead of as the
 * installed SDK's `OpenAI` class because that class has private members, which make the client
 * of any other major (or another copy of the same one) a different type: `openAIAdapter(client)` must accept an openai 4, 5, 6 or 7 client,
 * or an `AzureOpenAI`, without a cast. The answer is read defensively, hence `unknown`.
 */
export interface OpenAIClientLike {
  readonly baseURL: string;
  /** Set by `AzureOpenAI` (its `api-version`); decides Azure's output-limit field. */
  readonly apiVersion?: string;
  readonly chat: {
    readonly completions: {
      create(body: ChatCompletionRequest, options: ChatCompletionRequestOptions): PromiseLike<unknown>;
    };
  };
  /** `client.embeddings`, which every major has; the adapter embeds only when it is there. */
  readonly embeddings?: EmbeddingsClientLike;
  /** `client.responses` (openai 4.104 and later), used by `openAIAdapter(client, { api: "responses" })`. */
  readonly responses?: ResponsesClientLike;
}

/**
 * The part of a client's `responses` resource the adapter uses: `create(body, options)`, which
 * answers a `Response`, or with `stream: true` the SDK's event stream.
 */
export interface ResponsesClientLike {
  create(body: ResponsesRequest, options: ChatCompletionRequestOptions): PromiseLike<unknown>;
}

/** The part of a client's `embeddings` resource the adapter uses: `create(body, options)`. */
export interface EmbeddingsClientLike {
  create(body: EmbeddingRequest, options: ChatCompletionRequestOptions): PromiseLike<unknown>;
}
