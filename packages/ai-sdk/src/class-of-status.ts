import type { ErrorClass } from "@modelpolicy/core";

/**
 * Context-window overruns in the words of the providers the AI SDK reaches: OpenAI's
 * `context_length_exceeded` code and "maximum context length", Anthropic's "prompt is too long",
 * Bedrock's "input is too long", and "exceeds the context window" / "maximum number of tokens".
 */
const CONTEXT_LENGTH =
  /context_length_exceeded|string_above_max_length|maximum context length|prompt is too long|input is too long|exceeds? (?:the )?(?:model's )?context (?:window|limit|length)|exceeds the maximum number of tokens/i;

/** Moderation refusals that arrive as an error status rather than a finish reason (OpenAI's codes). */
const CONTENT_FILTER = /\bcontent_filter\b|\bcontent_policy_violation\b/;

/**
 * The router's error class for an HTTP status and the response body the provider sent with it.
 * The status rules are those of `@modelpolicy/openai`'s and `@modelpolicy/anthropic`'s
 * `classOfStatus`, kept here as a copy because adapters do not import each other: 429 is
 * `rate_limit`, 408 `timeout`, 409 `conflict`, 401/402/403 `auth` (402 is a billing problem no
 * retry cures), 404 `not_found`, 413 `context_length`, other 4xx `bad_request`, 5xx (Anthropic's
 * 529 included) `server_error`. A 400 or 413 body that describes a context overrun makes it
 * `context_length`, so the router can fall back to a model with a larger window, and a 400 that
 * names a content policy makes it `content_filter`. A 2xx (the AI SDK reports an unreadable
 * successful body as an `APICallError` with the response's status) is `server_error`.
 */
export function classOfStatus(status: number, body = ""): ErrorClass {
  if ((status === 400 || status === 413) && CONTEXT_LENGTH.test(body)) return "context_length";
  if (status === 400 && CONTENT_FILTER.test(body)) return "content_filter";
  if (status >= 200 && status < 300) return "server_error";
  switch (status) {
    case 400:
    case 422:
      return "bad_request";
    case 401:
    case 402:
    case 403:
      return "auth";
    case 404:
      return "not_found";
    case 408:
      return "timeout";
    case 409:
      return "conflict";
    case 413:
      return "context_length";
    case 429:
      return "rate_limit";
    default:
      return status >= 500 ? "server_error" : "bad_request";
  }
}
