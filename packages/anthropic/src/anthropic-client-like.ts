/** A custom tool on the wire: its name, what it is for, and the JSON Schema of its input (always an object). */
export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: { type: "object"; [key: string]: unknown };
  /** Anthropic's strict tool use (the input is guaranteed to match the schema); sent only when asked for. */
  strict?: boolean;
}

/** The forced tool that carries structured output: a name and the response format's JSON Schema. */
export interface OutputTool extends AnthropicTool {
  description: string;
}

/** `tool_choice` on the wire: let the model decide, make it call some tool or one named tool, or forbid tools. */
export type AnthropicToolChoice =
  | { type: "auto" }
  | { type: "any" }
  | { type: "none" }
  | { type: "tool"; name: string };

/** The image types the Messages API takes as base64 data. */
export type AnthropicImageMediaType = "image/jpeg" | "image/png" | "image/gif" | "image/webp";

/**
 * A content block the adapter sends: text, an image or a document (as base64 data, plain text,
 * or a URL), an assistant's tool call, or a tool's result. The literal types are the SDKs' own,
 * so the request stays assignable to both majors' `MessageCreateParams`.
 */
export type AnthropicContentBlock =
  | { type: "text"; text: string }
  | {
      type: "image";
      source: { type: "base64"; media_type: AnthropicImageMediaType; data: string } | { type: "url"; url: string };
    }
  | {
      type: "document";
      source:
        | { type: "base64"; media_type: "application/pdf"; data: string }
        | { type: "text"; media_type: "text/plain"; data: string }
        | { type: "url"; url: string };
      title?: string;
    }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> }
  | { type: "tool_result"; tool_use_id: string; content: string };

/** One message of the request: plain text, or content blocks. */
export interface AnthropicMessage {
  role: "user" | "assistant";
  content: string | AnthropicContentBlock[];
}

/**
 * The Messages request the adapter sends. Only the fields it fills are declared, so the type fits
 * every SDK major's `MessageCreateParamsNonStreaming` (1.x dropped `temperature` from its types
 * because API version 2026-10-21 refuses it; the field is still sent when the adapter is told to).
 */
export interface MessagesRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string;
  temperature?: number;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
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
