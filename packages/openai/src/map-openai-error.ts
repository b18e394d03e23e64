import { type ErrorClass, ProviderError } from "@modelpolicy/core";
import type { HeadersLike } from "./read-header.js";
import { retryAfterMs } from "./retry-after.js";

/** The fields every major of the SDK (4 to 7) puts on an `APIError`; headers differ in shape. */
interface SdkErrorShape {
  message?: string;
  status?: number;
  code?: string | null;
  headers?: HeadersLike | null;
  /** node-fetch's `FetchError` (openai 4 on Node) says `invalid-json` for an unreadable body. */
  type?: string;
}

const CONTEXT_LENGTH_CODES = new Set(["context_length_exceeded", "string_above_max_length"]);
const CONTENT_FILTER_CODES = new Set(["content_filter", "content_policy_violation"]);

/**
 * Maps anything the `openai` SDK throws to a core {@link ProviderError}. It reads the status,
 * code and class names rather than using `instanceof`, so it works with whichever copy and major
 * (4.104+, 5, 6, 7) the host installed, and with OpenAI-compatible servers that reuse OpenAI's
 * error shape. Headers are read in both shapes: openai 4 hands over a plain object, 5 and later
 * a Headers-like object.
 */
export function mapOpenAIError(error: unknown, model: string, signal: AbortSignal): ProviderError {
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
    const errorClass = classOfStatus(sdk.status, sdk.code ?? undefined);
    const wait = retryAfterMs(sdk.headers);
    return new ProviderError({
      ...base,
      errorClass,
      status: sdk.status,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    });
  }
  if (error instanceof SyntaxError || (kinds.has("FetchError") && sdk.type === "invalid-json")) {
    return new ProviderError({
      ...base,
      errorClass: "server_error",
      message: `provider sent an unreadable body: ${message}`,
    });
  }
  return new ProviderError({ ...base, errorClass: "unknown", retryable: false });
}

/**
 * The constructor names along an error's prototype chain. No major of the SDK sets `name` on its
 * errors (they all say `Error`), but the class names have been the same from 4.x to 7.x, and
 * walking the chain also recognises a subclass a host or wrapper derived from them.
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

/** The router's error class for an HTTP status and OpenAI error code. */
export function classOfStatus(status: number, code: string | undefined): ErrorClass {
  if (code && CONTEXT_LENGTH_CODES.has(code)) return "context_length";
  if (code && CONTENT_FILTER_CODES.has(code)) return "content_filter";
  switch (status) {
    case 400:
    case 422:
      return "bad_request";
    case 401:
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
