/** The forced tool that carries structured output: a name and the response format's JSON Schema. */
export interface OutputTool {
  name: string;
  description: string;
  input_schema: { type: "object"; [key: string]: unknown };
  /** Anthropic's strict tool use (the input is guaranteed to match the schema); sent only when asked for. */
  strict?: boolean;
}

/**
 * The Messages request the adapter sends. Only the fields it fills are declared, so the type fits
 * every SDK major's `MessageCreateParamsNonStreaming` (1.x dropped `temperature` from its types
 * because API version 2026-10-21 refuses it; the field is still sent when the adapter is told to).
 */
export interface MessagesRequest {
  model: string;
  max_tokens: number;
  messages: { role: "user" | "assistant"; content: string }[];
  system?: string;
  temperature?: number;
  tools?: OutputTool[];
  tool_choice?: { type: "tool"; name: string };
  /** Set by `stream()`: the answer comes as server-sent events, which the SDK yields as an async iterable. */
  stream?: boolean;
}

/** The per-request options the adapter passes; every SDK major accepts both. */
export interface MessagesRequestOptions {
  signal: AbortSignal;
  maxRetries: number;
}

/**
 * The part of an `Anthropic` client the adapter uses: `messages.create(body, options)`. Typed
 * structurally instead of as the installed SDK's `Anthropic` class because that class has private
 * members, which make a client of another major (or another copy of the same one) a different
 * type: `anthropicAdapter(client)` must accept a 0.60+ or 1.x client, or a Bedrock or Vertex client
 * of the same shape, without a cast. The answer (a `Message`, or with `stream: true` the SDK's
 * event stream) is read defensively, hence `unknown`.
 */
export interface AnthropicClientLike {
  /** The client's base URL, which attempts report as `server.address` / `server.port`; absent on some wrappers. */
  readonly baseURL?: string;
  readonly messages: {
    create(body: MessagesRequest, options: MessagesRequestOptions): PromiseLike<unknown>;
  };
}
