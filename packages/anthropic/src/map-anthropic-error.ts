import { type ErrorClass, type HeadersLike, ProviderError, retryAfterMs } from "@modelpolicy/core";

/** The fields every SDK major (0.60+, 1.x) puts on an `APIError`. */
interface SdkErrorShape {
  message?: string;
  status?: number;
  headers?: HeadersLike | null;
  /** The response body, `{type: "error", error: {type, message}}` for the API's own errors. */
  error?: { error?: { type?: unknown; message?: unknown } } | null;
}

/** How Anthropic words an input that does not fit the model's context window. */
const CONTEXT_LENGTH_MESSAGE = /prompt is too long|exceeds? (?:the )?context (?:limit|window)/i;
/** API version 2026-10-21 refuses sampling parameters: "temperature: Extra inputs are not permitted". */
const SAMPLING_REFUSED = /\b(?:temperature|top_p|top_k)\b.*extra inputs/i;
/** The SDK's own refusal to send a long non-streaming request (client without an explicit timeout). */
const STREAMING_REQUIRED = /streaming is (?:strongly recommended|required)/i;

/**
 * Maps anything `@anthropic-ai/sdk` throws to a core {@link ProviderError}. It reads the status,
 * the body's `error.type` and `error.message`, and class names rather than using `instanceof`,
 * so it works with whichever copy and major the host installed. Two refusals that no retry or
 * fallback can cure get a message that says what to change: the SDK refusing a large
 * `max_tokens` without streaming, and API version 2026-10-21 refusing `temperature`.
 */
export function mapAnthropicError(error: unknown, model: string, signal: AbortSignal): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const sdk = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const kinds = classNames(error);
  const message = sdk.message ?? String(error);
  const base = { message, model, cause: error };
  if (kinds.has("APIUserAbortError") || (signal.aborted && sdk.status === undefined)) {
    return new ProviderError({ ...base, errorClass: "aborted", retryable: false });
  }
  if (kinds.has("APIConnectionTimeoutError")) return new ProviderError({ ...base, errorClass: "timeout" });
  if (kinds.has("APIConnectionError")) return new ProviderError({ ...base, errorClass: "connection" });
  if (typeof sdk.status === "number") {
    const body = sdk.error?.error;
    const type = typeof body?.type === "string" ? body.type : undefined;
    const apiMessage = typeof body?.message === "string" ? body.message : message;
    const wait = retryAfterMs(sdk.headers);
    return new ProviderError({
      ...base,
      message: `${sdk.status} ${type ?? "error"}: ${apiMessage}${hintFor(apiMessage)}`,
      errorClass: classOfStatus(sdk.status, apiMessage),
      status: sdk.status,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    });
  }
  if (STREAMING_REQUIRED.test(message)) {
    return new ProviderError({
      ...base,
      errorClass: "bad_request",
      message: `${message} (the SDK refuses non-streaming calls whose max_tokens could run past 10 minutes unless the client has an explicit timeout: set \`timeout\` on the Anthropic client, or lower max_output_tokens)`,
    });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError({
      ...base,
      errorClass: "server_error",
      message: `provider sent an unreadable body: ${message}`,
    });
  }
  return new ProviderError({ ...base, errorClass: "unknown", retryable: false });
}

function hintFor(apiMessage: string): string {
  if (!SAMPLING_REFUSED.test(apiMessage)) return "";
  return " (API version 2026-10-21, which @anthropic-ai/sdk 1.x sends, accepts no sampling parameters: drop temperature from the policy or pass { sendTemperature: false } to anthropicAdapter)";
}

/**
 * The constructor names along an error's prototype chain. SDK 0.x leaves `name` as `Error` on its
 * errors, but the class names (`APIConnectionError`, …) are the same in 0.x and 1.x, and walking
 * the chain also recognises a subclass a wrapper derived from them.
 */
function classNames(error: unknown): Set<string> {
  const names = new Set<string>();
  let prototype: unknown = typeof error === "object" && error !== null ? Object.getPrototypeOf(error) : null;
  while (typeof prototype === "object" && prototype !== null && prototype !== Object.prototype) {
    const name = (prototype as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === "string") names.add(name);
    prototype = Object.getPrototypeOf(prototype);
  }
  return names;
}

/**
 * The router's error class for an Anthropic status and error message. 529 `overloaded_error` is
 * `server_error`, not `rate_limit`: it means Anthropic is short of capacity for everyone, while
 * 429 means this organisation passed its own limits, and dashboards and `fallback_on` lists should
 * keep "our quota" apart from "their outage" (both are retried and fall back by default; the
 * status stays on the error). 402 `billing_error` is `auth`: the account must be fixed, and no
 * retry helps. A 400 or 413 that says the prompt does not fit is `context_length`, so the call
 * can fall back to a model with a larger window.
 */
export function classOfStatus(status: number, message = ""): ErrorClass {
  if ((status === 400 || status === 413) && CONTEXT_LENGTH_MESSAGE.test(message)) return "context_length";
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
