import { type ErrorClass, ProviderError, retryAfterMs } from "@modelpolicy/core";
import { classOfStatus } from "./class-of-status.js";

/** The fields of `@ai-sdk/provider`'s `APICallError` the adapter reads; the same in majors 2, 3 and 4. */
interface ApiCallErrorShape {
  message?: unknown;
  statusCode?: unknown;
  responseHeaders?: Readonly<Record<string, unknown>> | null;
  responseBody?: unknown;
  isRetryable?: unknown;
}

/** How much of a response body an error message keeps: enough to read the provider's error. */
const BODY_LIMIT = 500;

/**
 * AI SDK errors other than `APICallError` that a `doGenerate` call can throw, by the name in their
 * `Symbol.for("vercel.ai.error.AI_…")` marker, with the class each amounts to. A missing API key is `auth` and a missing setting or an argument, prompt or
 * feature the model refuses is `bad_request`: the code must change, so none is retried. Bodies the
 * SDK could not read or validate are `server_error`, which a retry may cure.
 */
const AI_SDK_ERROR_CLASSES: Readonly<Record<string, ErrorClass>> = {
  AI_LoadAPIKeyError: "auth",
  AI_LoadSettingError: "bad_request",
  AI_InvalidArgumentError: "bad_request",
  AI_InvalidPromptError: "bad_request",
  AI_UnsupportedFunctionalityError: "bad_request",
  AI_NoSuchModelError: "not_found",
  AI_EmptyResponseBodyError: "server_error",
  AI_InvalidResponseDataError: "server_error",
  AI_JSONParseError: "server_error",
  AI_TypeValidationError: "server_error",
  AI_NoContentGeneratedError: "server_error",
};

/** Socket and undici error codes that mean the connection timed out rather than failed. */
const TIMEOUT_CODES = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Codes of a connection that failed or timed out: those the AI SDK's own fetch handling treats as
 * network errors (Node, undici and Bun spellings), plus DNS failures.
 */
const NETWORK_CODES = new Set([
  ...TIMEOUT_CODES,
  "ConnectionRefused",
  "ConnectionClosed",
  "FailedToOpenSocket",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

/**
 * Maps anything a language model's `doGenerate` throws to a core {@link ProviderError}. An
 * `APICallError` (recognised by its `Symbol.for("vercel.ai.error.AI_APICallError")` marker, the
 * check its own `isInstance` makes, so any installed copy of `@ai-sdk/provider` works) gives its
 * status's class, the provider's own `isRetryable`, `retry-after-ms` / `retry-after` as
 * `retryAfterMs`, and the start of its response body in the message. One without a status could
 * not reach the provider: `timeout` or `connection`. A failure after the call's signal aborted is
 * `aborted`; the other AI SDK errors map by their marker (see `AI_SDK_ERROR_CLASSES`).
 */
export function mapAiSdkError(error: unknown, model: string, signal: AbortSignal): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const message = messageOf(error);
  const base = { message, model, cause: error };
  const name = errorName(error);
  if (isApiCallError(error)) {
    const api = error as ApiCallErrorShape;
    const status = typeof api.statusCode === "number" ? api.statusCode : undefined;
    if (status === undefined) {
      if (signal.aborted) return new ProviderError({ ...base, errorClass: "aborted", retryable: false });
      return new ProviderError({ ...base, errorClass: timedOut(error) ? "timeout" : "connection" });
    }
    const body = typeof api.responseBody === "string" ? api.responseBody : "";
    const errorClass = classOfStatus(status, body);
    const wait = retryAfterMs(api.responseHeaders);
    return new ProviderError({
      ...base,
      message: `${message} (HTTP ${status}${body === "" ? "" : `; response body: ${truncate(body)}`})`,
      errorClass,
      status,
      // A readable success status with a body the SDK could not parse says nothing about the
      // request: a broken proxy or a cut connection, which the next attempt may not meet.
      retryable: status < 300 ? true : typeof api.isRetryable === "boolean" ? api.isRetryable : undefined,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    });
  }
  if (signal.aborted || name === "AbortError" || name === "ResponseAborted") {
    return new ProviderError({ ...base, errorClass: "aborted", retryable: false });
  }
  if (name === "TimeoutError") return new ProviderError({ ...base, errorClass: "timeout" });
  const aiSdkClass = aiSdkErrorClass(error);
  if (aiSdkClass !== undefined) return new ProviderError({ ...base, errorClass: aiSdkClass });
  if (networkCode(error) !== undefined) {
    return new ProviderError({ ...base, errorClass: timedOut(error) ? "timeout" : "connection" });
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

/** Whether `error` carries the AI SDK's `APICallError` marker (`APICallError.isInstance` without importing it). */
export function isApiCallError(error: unknown): boolean {
  return hasAiSdkMarker(error, "AI_APICallError");
}

/**
 * The class of an AI SDK error by its marker, which subclasses keep (`NoSuchProviderError` carries
 * `NoSuchModelError`'s), so the name it was given does not matter.
 */
function aiSdkErrorClass(error: unknown): ErrorClass | undefined {
  for (const [name, errorClass] of Object.entries(AI_SDK_ERROR_CLASSES)) {
    if (hasAiSdkMarker(error, name)) return errorClass;
  }
  return undefined;
}

/** The check every AI SDK error class's `isInstance` makes: `Symbol.for("vercel.ai.error.<name>")` set to `true`. */
function hasAiSdkMarker(error: unknown, name: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  return (error as Record<symbol, unknown>)[Symbol.for(`vercel.ai.error.${name}`)] === true;
}

function errorName(error: unknown): string | undefined {
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === "string" ? name : undefined;
}

function messageOf(error: unknown): string {
  const message = typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === "string" && message !== "" ? message : String(error);
}

function truncate(text: string): string {
  return text.length <= BODY_LIMIT ? text : `${text.slice(0, BODY_LIMIT)}… (${text.length} characters)`;
}

/** The first network error code along an error's `cause` chain, as the AI SDK's own fetch handling looks for it. */
function networkCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === "object" && current !== null && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function timedOut(error: unknown): boolean {
  const code = networkCode(error);
  return code !== undefined && TIMEOUT_CODES.has(code);
}
