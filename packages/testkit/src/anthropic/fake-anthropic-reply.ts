import type {
  EchoReply,
  HangReply,
  MalformedReply,
  ReplyTiming,
  ResetReply,
  StatusReply,
} from "../openai/fake-reply.js";
import type { AnthropicRecordedRequest } from "./anthropic-recorded-request.js";

/**
 * One content block of a scripted message. A `tool_use` block without a `name` takes the tool the
 * request forced with `tool_choice: {type: "tool", name}`, so a structured-output test scripts only
 * the answer and not the tool name the adapter derived from a schema.
 */
export type FakeContentBlock = { type: "text"; text: string } | { type: "tool_use"; name?: string; input: unknown };

/** Token counts to report; input and output left out are estimated from the request and reply. */
export interface FakeAnthropicUsage {
  /** `usage.input_tokens`: input tokens after the last cache breakpoint (cache reads and writes excluded). */
  inputTokens?: number;
  outputTokens?: number;
  /** `usage.cache_read_input_tokens` (default 0). */
  cacheReadInputTokens?: number;
  /** `usage.cache_creation_input_tokens` (default 0), reported as 5-minute cache writes. */
  cacheCreationInputTokens?: number;
}

/**
 * How a message is sent when the request asked for `stream: true`; ignored otherwise. A chunk is
 * one server-sent event (`message_start`, `ping`, each delta, …), so a fault lands at an exact
 * point of the event sequence.
 */
export interface StreamOptions {
  /** Milliseconds to wait before every event after the first. */
  chunkDelayMs?: number;
  /** Drops the connection after this many events (the body never ends), as a dropped connection mid-answer looks. */
  resetAfterChunks?: number;
  /** Sends an `error` event after this many events and ends the stream, as the API does when it overloads mid-answer. */
  errorAfterChunks?: number;
  /** The mid-stream error; default `overloaded_error` / `Overloaded`. */
  error?: { type: string; message: string };
  /** Characters per `text_delta` and per `input_json_delta` (default 8). */
  chunkSize?: number;
}

/**
 * A successful Messages API answer. The same reply serves `messages.create()` as JSON and
 * `messages.stream()` (or `stream: true`) as server-sent events, so a script does not depend on
 * how the client under test asks.
 */
export interface AnthropicMessageReply extends ReplyTiming {
  content: FakeContentBlock[];
  /** `stop_reason`; default `tool_use` when a tool_use block is present, else `end_turn`. */
  stopReason?: string;
  usage?: FakeAnthropicUsage;
  /** Model reported as served (default: the requested model). */
  model?: string;
  headers?: Record<string, string>;
  stream?: StreamOptions;
}

/**
 * Everything the fake Anthropic server can answer with. Status, hang, malformed, reset and echo
 * replies are the same kinds the fake OpenAI server knows; a status without a body gets
 * Anthropic's error shape `{type: "error", error: {type, message}}` instead of OpenAI's.
 */
export type FakeAnthropicReply =
  | AnthropicMessageReply
  | StatusReply
  | HangReply
  | MalformedReply
  | ResetReply
  | EchoReply;

/** A reply computed from the request, for answers that depend on the prompt or parameters. */
export type AnthropicReplyFunction = (
  request: AnthropicRecordedRequest,
) => FakeAnthropicReply | Promise<FakeAnthropicReply>;

/** One entry of a script or the default: a fixed reply or a function of the request. */
export type AnthropicScriptedReply = FakeAnthropicReply | AnthropicReplyFunction;
