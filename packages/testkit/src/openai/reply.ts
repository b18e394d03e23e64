import { openAIErrorBody } from "@modelpolicy/fake-provider";
import type {
  CompletionReply,
  EchoReply,
  FakeReply,
  FakeToolCall,
  HangReply,
  HtmlReply,
  MalformedReply,
  ResetReply,
  StatusReply,
} from "./fake-reply.js";

/** Options of `reply.error`: the error body's fields plus retry hints the SDK honours. */
export interface ErrorReplyOptions {
  message?: string;
  type?: string;
  param?: string | null;
  /** Sets `Retry-After` (seconds), which SDKs and retry policies read. */
  retryAfter?: number;
  /** Sets `retry-after-ms`, the OpenAI-specific, more precise hint. */
  retryAfterMs?: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

/**
 * Constructors for every reply kind, so scripts read as outcomes:
 * `[reply.rateLimited(1), reply.ok({ total: 42 })]`. Plain objects work too; these only fill in
 * the realistic details (error shape, headers) a test should not have to spell out.
 */
export const reply = {
  /** A successful completion whose message content is `content` (objects are JSON-encoded). */
  ok(content: unknown, options: Omit<CompletionReply, "json"> = {}): CompletionReply {
    return { ...options, json: content };
  },
  /**
   * A completion that calls tools (finish reason `tool_calls`, content null unless `options.json`
   * gives text). Arguments that are objects are JSON-encoded; a string goes as is, to send broken JSON.
   */
  toolCalls(
    calls: readonly FakeToolCall[],
    options: Partial<Omit<CompletionReply, "toolCalls">> = {},
  ): CompletionReply {
    return { json: null, ...options, toolCalls: calls };
  },
  /** An error status with OpenAI's error body and optional retry headers. */
  error(status: number, code: string | null = null, options: ErrorReplyOptions = {}): StatusReply {
    const headers: Record<string, string> = { ...options.headers };
    if (options.retryAfter !== undefined) headers["retry-after"] = String(options.retryAfter);
    if (options.retryAfterMs !== undefined) headers["retry-after-ms"] = String(options.retryAfterMs);
    const result: StatusReply = { status, headers, body: openAIErrorBody(status, code, options) };
    if (options.delayMs !== undefined) result.delayMs = options.delayMs;
    return result;
  },
  /** 429 `rate_limit_exceeded`, with `Retry-After` when `retryAfterSeconds` is given. */
  rateLimited(retryAfterSeconds?: number, options: ErrorReplyOptions = {}): StatusReply {
    return reply.error(429, "rate_limit_exceeded", { retryAfter: retryAfterSeconds, ...options });
  },
  /** 400 `context_length_exceeded`: the input was too long for the model. */
  contextLengthExceeded(options: ErrorReplyOptions = {}): StatusReply {
    return reply.error(400, "context_length_exceeded", { param: "messages", ...options });
  },
  /** 500 `server_error`, the generic retryable provider failure. */
  serverError(status = 500, options: ErrorReplyOptions = {}): StatusReply {
    return reply.error(status, null, options);
  },
  /** Never answers (until the client gives up or the server closes). */
  hang(): HangReply {
    return { hang: true };
  },
  /** 200 with truncated JSON. */
  malformed(options: { delayMs?: number } = {}): MalformedReply {
    return { ...options, malformed: true };
  },
  /** 200 with an HTML page instead of JSON. */
  html(options: { delayMs?: number } = {}): HtmlReply {
    return { ...options, html: true };
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
  delayed<T extends FakeReply>(delayMs: number, inner: T): T {
    return { ...inner, delayMs };
  },
};
