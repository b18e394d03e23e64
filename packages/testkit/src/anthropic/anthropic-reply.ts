import { anthropicErrorBody, type FakeContentBlock } from "@modelpolicy/fake-provider";
import type { EchoReply, HangReply, MalformedReply, ResetReply, StatusReply } from "../openai/fake-reply.js";
import type { AnthropicMessageReply, FakeAnthropicReply } from "./fake-anthropic-reply.js";

/** Everything of a message reply but its content. */
export type MessageReplyOptions = Omit<AnthropicMessageReply, "content">;

/** Options of `anthropicReply.error`: the error body's fields plus retry hints the SDK honours. */
export interface AnthropicErrorReplyOptions {
  /** `error.type`; default from the status (`overloaded_error` for 529, `rate_limit_error` for 429, …). */
  type?: string;
  message?: string;
  /** Sets `retry-after` (seconds). */
  retryAfter?: number;
  /** Sets `retry-after-ms`, which the SDKs read before `retry-after`. */
  retryAfterMs?: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

const PROMPT_TOO_LONG = "prompt is too long: 210342 tokens > 200000 maximum";

/**
 * Constructors for every reply kind of the fake Anthropic server, so scripts read as outcomes:
 * `[anthropicReply.overloaded(), anthropicReply.text("ok")]`. Plain objects work too; these fill in
 * what a test should not have to spell out (error shapes, headers, content blocks).
 */
export const anthropicReply = {
  /** A message whose only content block is `text`. */
  text(text: string, options: MessageReplyOptions = {}): AnthropicMessageReply {
    return { ...options, content: [{ type: "text", text }] };
  },
  /**
   * A message that calls a tool with `input`; without `name` it calls the tool the request
   * forced, which is how structured output through a forced tool is answered. `id` fixes the
   * call's id, for a test that sends the tool's result back and checks the id it answers.
   */
  toolUse(input: unknown, options: MessageReplyOptions & { name?: string; id?: string } = {}): AnthropicMessageReply {
    const { name, id, ...rest } = options;
    const block: FakeContentBlock = { type: "tool_use", input };
    if (name !== undefined) block.name = name;
    if (id !== undefined) block.id = id;
    return { ...rest, content: [block] };
  },
  /** A message with any content blocks (text before a tool call, several tools, none). */
  message(content: FakeContentBlock[], options: MessageReplyOptions = {}): AnthropicMessageReply {
    return { ...options, content };
  },
  /** `stop_reason: "refusal"`: the model's safety classifiers stopped the answer. */
  refusal(options: MessageReplyOptions = {}): AnthropicMessageReply {
    return { stopReason: "refusal", ...options, content: [] };
  },
  /** An error status with Anthropic's error body and optional retry headers. */
  error(status: number, options: AnthropicErrorReplyOptions = {}): StatusReply {
    const headers: Record<string, string> = { ...options.headers };
    if (options.retryAfter !== undefined) headers["retry-after"] = String(options.retryAfter);
    if (options.retryAfterMs !== undefined) headers["retry-after-ms"] = String(options.retryAfterMs);
    const fields: { type?: string; message?: string } = {};
    if (options.type !== undefined) fields.type = options.type;
    if (options.message !== undefined) fields.message = options.message;
    const result: StatusReply = { status, headers, body: anthropicErrorBody(status, fields) };
    if (options.delayMs !== undefined) result.delayMs = options.delayMs;
    return result;
  },
  /** 529 `overloaded_error`: Anthropic is out of capacity for everyone, not just this caller. */
  overloaded(options: AnthropicErrorReplyOptions = {}): StatusReply {
    return anthropicReply.error(529, options);
  },
  /** 429 `rate_limit_error`, with `retry-after` when `retryAfterSeconds` is given. */
  rateLimited(retryAfterSeconds?: number, options: AnthropicErrorReplyOptions = {}): StatusReply {
    return anthropicReply.error(429, { retryAfter: retryAfterSeconds, ...options });
  },
  /** 400 `invalid_request_error` "prompt is too long: …", Anthropic's context-length error. */
  promptTooLong(options: AnthropicErrorReplyOptions = {}): StatusReply {
    return anthropicReply.error(400, { message: PROMPT_TOO_LONG, ...options });
  },
  /** A 5xx with `api_error` (or the type Anthropic uses for that status). */
  serverError(status = 500, options: AnthropicErrorReplyOptions = {}): StatusReply {
    return anthropicReply.error(status, options);
  },
  /** Never answers (until the client gives up or the server closes). */
  hang(): HangReply {
    return { hang: true };
  },
  /** 200 with truncated JSON. */
  malformed(options: { delayMs?: number } = {}): MalformedReply {
    return { ...options, malformed: true };
  },
  /** Connection reset after the request was read. */
  reset(options: { delayMs?: number } = {}): ResetReply {
    return { ...options, reset: true };
  },
  /** The default deterministic echo reply. */
  echo(options: { delayMs?: number } = {}): EchoReply {
    return { ...options, echo: true };
  },
  /** `inner` answered after `delayMs`, for latency and timeout tests. */
  delayed<T extends FakeAnthropicReply>(delayMs: number, inner: T): T {
    return { ...inner, delayMs };
  },
};
