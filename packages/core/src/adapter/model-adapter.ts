import type { ContentPart } from "./content-part.js";
import type { EmbeddingCapability } from "./embedding-adapter.js";
import type { StreamPart } from "./stream-part.js";
import type { AdapterToolCall, ToolChoice, ToolDefinition } from "./tool-definition.js";

/**
 * The provider contract. An adapter translates one call to a vendor API and back; it never
 * retries, never picks a model and never knows about policies. Everything the router needs to
 * decide retry and fallback comes back as a `ProviderError`.
 *
 * Version `v2` adds what a `v1` adapter may simply leave out, so both are accepted: `stream`
 * (without it, `router.stream` sends the attempt with `generate` and hands over the whole answer
 * as one chunk), and the endpoint and API an attempt goes to, which telemetry reports.
 */
export interface ModelAdapter extends EmbeddingCapability {
  /** Bumped on any breaking change to this contract, so the router can refuse adapters it does not know. */
  readonly specificationVersion: "v1" | "v2";
  /** Matches the `provider` of a tier binding in the policy table, e.g. `openai`. */
  readonly provider: string;
  /** Where this adapter's calls go (`server.address` / `server.port` on attempt spans), when known. */
  readonly endpoint?: AdapterEndpoint;
  /** The provider API the calls use, when a provider has several (OpenAI: `chat_completions`). */
  readonly api?: string;
  /**
   * What the adapter can send beyond text messages. The router refuses a request with anything
   * else (a `RequestShapeError`) before any call, rather than let it be dropped unseen.
   */
  readonly accepts?: AdapterInputs;
  /**
   * How the router's input budget must count for this provider when its tokenizer is not
   * o200k_base: absent means o200k_base counts it (OpenAI's models). See {@link InputTokenEstimate}.
   */
  readonly inputTokenEstimate?: InputTokenEstimate;
  /**
   * Runs one provider call. Resolves with the answer, or rejects with a `ProviderError` whose
   * `errorClass` says what went wrong (`length` finish → `output_limit`, a filtered answer →
   * `content_filter`). Must stop promptly when `signal` aborts.
   */
  generate(call: AdapterCall): Promise<AdapterResponse>;
  /**
   * Runs one provider call as a stream of {@link StreamPart}s (read only from a `v2` adapter):
   * text deltas, then one `finish` part. Failures, before the first part or mid-stream, are
   * thrown from the iteration as a `ProviderError`, the same classes `generate` uses (a `length`
   * finish is `output_limit`, thrown after the deltas it cut). The router stops reading early by
   * aborting `signal` and calling the iterator's `return()`; both must release the connection.
   */
  stream?(call: AdapterCall): AsyncIterable<StreamPart> | Promise<AsyncIterable<StreamPart>>;
}

/** What an adapter declares it can send; an absent flag means it cannot. */
export interface AdapterInputs {
  /** Tool definitions, tool choice, and tool calls and results in the history. */
  readonly tools?: boolean;
  /** Image parts in user messages. */
  readonly images?: boolean;
  /** File parts in user messages. */
  readonly files?: boolean;
}

/**
 * A provider whose tokenizer the router does not have (Claude's is not public). The budget check
 * still decides by its byte bounds first, which hold for any byte-level BPE; near the budget it
 * counts with o200k_base and multiplies by `safetyFactor`, so that the estimate errs high, never
 * low, and reports the count as `estimate` (`model_policy.input_tokens.method`). A call whose
 * chain can reach several providers is counted with the largest factor among them.
 */
export interface InputTokenEstimate {
  /** What an o200k_base count is multiplied by; at least 1. */
  readonly safetyFactor: number;
  /**
   * Tokens counted per image when the policy sets no `max_tokens_per_image`, if the provider can
   * charge more for one than OpenAI's bound (`DEFAULT_TOKENS_PER_IMAGE`).
   */
  readonly maxTokensPerImage?: number;
}

/** A provider endpoint: host name or IP, and the port (resolved from the URL's scheme when it names none). */
export interface AdapterEndpoint {
  readonly address: string;
  readonly port?: number;
}

/**
 * A message of the history: plain text, an assistant turn that called tools, or a tool's result.
 * Plain `{ role, content }` text messages stay the common case; the router counts and checks
 * evidence on text.
 */
export type ChatMessage = TextMessage | MultiPartMessage | AssistantToolCallMessage | ToolResultMessage;

/**
 * A user message of several parts: text, images and files, each by URL or as base64. Only
 * adapters that declare `accepts.images` / `accepts.files` are sent images / files.
 */
export interface MultiPartMessage {
  role: "user";
  content: readonly ContentPart[];
}

/** A text message. */
export interface TextMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** An assistant turn that called tools (with or without text), as the history replays it. */
export interface AssistantToolCallMessage {
  role: "assistant";
  content?: string;
  toolCalls: readonly AdapterToolCall[];
}

/** What a tool answered to the call `toolCallId`, sent back so the model can go on. */
export interface ToolResultMessage {
  role: "tool";
  toolCallId: string;
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
  /** Tools the model may call; present only when the request defines some. */
  tools?: readonly ToolDefinition[];
  /** Whether and which tool the model must call; absent leaves it to the provider (`auto`). */
  toolChoice?: ToolChoice;
  /** Aborted when the call's deadline passes or its caller gives up. */
  signal: AbortSignal;
}

/** Token counts as billed. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache, when reported. */
  cachedInputTokens?: number;
  /**
   * Input tokens written to the provider's prompt cache, when reported. Still counted in
   * `inputTokens`, as cache reads are: it only says which part of the input is billed at the
   * cache-write rate (Anthropic charges a premium over base input for writing the cache), so
   * cost can price it and dashboards can tell a cache that is being filled from one being read.
   */
  cacheWriteInputTokens?: number;
}

/**
 * Why the provider stopped generating. `error` is never an adapter's answer: the router records
 * it for a stream that failed after its first chunk reached the caller.
 */
export type FinishReason = "stop" | "length" | "content_filter" | "tool_calls" | "other" | "error";

/**
 * Where an answer's token counts came from: the provider's report, or an estimate (the adapter's,
 * or the router's for a stream cut before its usage arrived). Telemetry reports only the
 * provider's as GenAI usage; cost is priced on either, and the record says which.
 */
export type UsageSource = "provider" | "estimated";

/** A provider answer. */
export interface AdapterResponse {
  /** The assistant's text (JSON text when a response format was asked for; may be empty with tool calls). */
  text: string;
  /** The tools the model called (finish reason `tool_calls`), arguments as JSON text. */
  toolCalls?: readonly AdapterToolCall[];
  usage: TokenUsage;
  finishReason: FinishReason;
  /** The model the provider says answered, which may differ from the one asked for. */
  servedModel: string;
  /** Provider request id, for support tickets and trace attributes. */
  responseId?: string;
  /** Defaults to `provider`: set `estimated` when the provider sent no usage and the adapter counted. */
  usageSource?: UsageSource;
  /** A fingerprint of the backend configuration that answered (OpenAI's `system_fingerprint`). */
  systemFingerprint?: string;
  /** The service tier that served the answer (OpenAI's `service_tier`). */
  serviceTier?: string;
  /** How the adapter asked for structured output (OpenAI: `json_schema`, `json_object`, `prompt`, …). */
  structuredOutputMode?: string;
}
