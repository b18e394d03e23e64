import type { RecordedRequest } from "./recorded-request.js";

/** Token counts to report; anything left out is estimated from the request and reply text. */
export interface FakeUsage {
  promptTokens?: number;
  completionTokens?: number;
  /** Reported as `usage.prompt_tokens_details.cached_tokens` (default 0). */
  cachedTokens?: number;
}

/** One scripted tool call: `arguments` an object is JSON-encoded, a string sent as is; `id` defaults to `call_<index>`. */
export interface FakeToolCall {
  id?: string;
  name: string;
  arguments: unknown;
}

/** Options every reply accepts: wait before answering, to test timeouts and latency budgets. */
export interface ReplyTiming {
  /** Milliseconds to wait before answering; a client that gives up meanwhile gets nothing. */
  delayMs?: number;
}

/**
 * A successful chat completion. `json` becomes `choices[0].message.content`: a string as is, any
 * other value JSON-encoded, because structured-output tests script objects while plain-text tests
 * script strings.
 */
export interface CompletionReply extends ReplyTiming {
  json: unknown;
  usage?: FakeUsage;
  /** `choices[0].finish_reason` (default `stop`); `length` simulates truncated output. */
  finishReason?: string;
  /** Model reported as served (default: the requested model), to simulate snapshot aliasing. */
  model?: string;
  /**
   * Tool calls the answer makes (finish reason `tool_calls` by default); streamed as OpenAI
   * streams them, each call's arguments in pieces of `stream.chunkSize` characters.
   */
  toolCalls?: readonly FakeToolCall[];
  headers?: Record<string, string>;
  /** How the completion is streamed when the request asked for `stream: true`; ignored otherwise. */
  stream?: ChatStreamOptions;
}

/**
 * How a completion goes out as server-sent events, and where its stream breaks. A chunk is one
 * `data:` event (the role chunk, each content chunk, the finish chunk, the usage chunk), counted
 * from 0, so a fault lands at an exact point: `resetAfterChunks: 2` sends two chunks, then drops
 * the connection.
 */
export interface ChatStreamOptions {
  /** Characters of content per chunk (default 8). */
  chunkSize?: number;
  /** Milliseconds to wait before every chunk after the first. */
  chunkDelayMs?: number;
  /** Drops the connection after this many chunks (no `[DONE]`), as a crashed proxy mid-answer looks. */
  resetAfterChunks?: number;
  /** Sends nothing more after this many chunks, keeping the connection open until the client closes it. */
  stallAfterChunks?: number;
  /** Sends a `data:` line that is not JSON after this many chunks, then ends. */
  malformedAfterChunks?: number;
  /** Sends OpenAI's mid-stream `{"error": …}` event after this many chunks, then ends. */
  errorAfterChunks?: number;
  /** Leaves the usage chunk out even when the request asked for it (`stream_options.include_usage`). */
  omitUsage?: boolean;
}

/**
 * Any status with an optional body. Without a body an error status gets OpenAI's error shape
 * `{error:{message,type,param,code}}`, which is what SDKs parse into typed errors.
 */
export interface StatusReply extends ReplyTiming {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else JSON-encoded. */
  body?: unknown;
}

/** Never answers; ends only when the client aborts or the server closes. Tests client timeouts. */
export interface HangReply extends ReplyTiming {
  hang: true;
}

/** 200 with `application/json` that is cut off mid-document, as a broken proxy would send. */
export interface MalformedReply extends ReplyTiming {
  malformed: true;
}

/** 200 with an HTML page, as a captive portal or misrouted gateway would send. */
export interface HtmlReply extends ReplyTiming {
  html: true;
}

/** Destroys the socket after reading the request, so the client sees a connection reset. */
export interface ResetReply extends ReplyTiming {
  reset: true;
}

/** The deterministic default reply: echoes the last user message with estimated usage. */
export interface EchoReply extends ReplyTiming {
  echo: true;
}

/**
 * Everything the fake can answer with. A closed union rather than a raw handler so that a script
 * reads as a list of outcomes ("429, then OK") and every fault the router must survive has a name.
 */
export type FakeReply = CompletionReply | StatusReply | HangReply | MalformedReply | HtmlReply | ResetReply | EchoReply;

/** A reply computed from the request, for replies that depend on the prompt or parameters. */
export type ReplyFunction = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/** One entry of a script or the default: a fixed reply or a function of the request. */
export type ScriptedReply = FakeReply | ReplyFunction;
