import type { AnthropicMessageContent } from "@modelpolicy/fake-provider";
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
export interface AnthropicMessageReply extends ReplyTiming, AnthropicMessageContent {
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
