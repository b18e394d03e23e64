import { type ErrorClass, ProviderError } from "@modelpolicy/core";
import { retryAfterMs } from "./retry-after.js";

interface SdkErrorShape {
  name?: string;
  message?: string;
  status?: number;
  code?: string | null;
  headers?: { get(name: string): string | null };
}

const CONTEXT_LENGTH_CODES = new Set(["context_length_exceeded", "string_above_max_length"]);
const CONTENT_FILTER_CODES = new Set(["content_filter", "content_policy_violation"]);

/**
 * Maps anything the `openai` SDK throws to a core {@link ProviderError}. It reads the status,
 * code and class name rather than using `instanceof`, so it works with any 6.x copy of the SDK
 * the host has installed, and with OpenAI-compatible servers that reuse OpenAI's error shape.
 */
export function mapOpenAIError(error: unknown, model: string, signal: AbortSignal): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const sdk = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  // The SDK's classes do not set `name`; their constructor names are stable across 6.x.
  const kind = (error as { constructor?: { name?: string } } | null)?.constructor?.name ?? sdk.name;
  const message = sdk.message ?? String(error);
  const base = { message, model, cause: error };
  if (kind === "APIUserAbortError" || (signal.aborted && sdk.status === undefined)) {
    return new ProviderError({ ...base, errorClass: "aborted", retryable: false });
  }
  if (kind === "APIConnectionTimeoutError") return new ProviderError({ ...base, errorClass: "timeout" });
  if (kind === "APIConnectionError") return new ProviderError({ ...base, errorClass: "connection" });
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
  if (error instanceof SyntaxError) {
    return new ProviderError({
      ...base,
      errorClass: "server_error",
      message: `provider sent an unreadable body: ${message}`,
    });
  }
  return new ProviderError({ ...base, errorClass: "unknown", retryable: false });
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
