/**
 * The provider contract, version 1. An adapter translates one generate call to a vendor API and
 * back; it never retries, never picks a model and never knows about policies. Everything the
 * router needs to decide retry and fallback comes back as a `ProviderError`.
 */
export interface ModelAdapter {
  /** Bumped on any breaking change to this contract, so the router can refuse old adapters. */
  readonly specificationVersion: "v1";
  /** Matches the `provider` of a tier binding in the policy table, e.g. `openai`. */
  readonly provider: string;
  /**
   * Runs one provider call. Resolves with the answer, or rejects with a `ProviderError` whose
   * `errorClass` says what went wrong (`length` finish → `output_limit`, a filtered answer →
   * `content_filter`). Must stop promptly when `signal` aborts.
   */
  generate(call: AdapterCall): Promise<AdapterResponse>;
}

/** A chat message. Only text content: the router counts and checks evidence on text. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * Structured output the router wants, as the JSON Schema of the request's schema (converted by
 * the schema's library, or given by the caller). The router shares one frozen object per schema,
 * name and strictness, so adapters may cache what they derive from it by identity.
 */
export interface ResponseFormat {
  name: string;
  /** A JSON Schema object (draft 2020-12 where the schema library can produce it). */
  schema: Record<string, unknown>;
  /**
   * The request's `strict`, when it set one: ask the provider to enforce the schema exactly
   * (OpenAI's `json_schema.strict`). Absent means the adapter's own default.
   */
  strict?: boolean;
}

/** One provider call as the router asks for it. */
export interface AdapterCall {
  /** Provider model name from the tier binding. */
  model: string;
  messages: readonly ChatMessage[];
  /** The policy's output limit; adapters must pass it as the provider's max-tokens field. */
  maxOutputTokens: number;
  /** Present when the request has a schema: ask for JSON that matches it. */
  responseFormat?: ResponseFormat;
  temperature?: number;
  /** Aborted when the call's deadline passes or its caller gives up. */
  signal: AbortSignal;
}

/** Token counts as billed. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache, when reported. */
  cachedInputTokens?: number;
}

/** Why the provider stopped generating. */
export type FinishReason = "stop" | "length" | "content_filter" | "tool_calls" | "other";

/** A provider answer. */
export interface AdapterResponse {
  /** The assistant's text (JSON text when a response format was asked for). */
  text: string;
  usage: TokenUsage;
  finishReason: FinishReason;
  /** The model the provider says answered, which may differ from the one asked for. */
  servedModel: string;
  /** Provider request id, for support tickets and trace attributes. */
  responseId?: string;
}
