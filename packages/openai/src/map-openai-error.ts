import { type HeadersLike, ProviderError, retryAfterMs } from "@modelpolicy/core";
import { classOfResponse } from "./classify-request-error.js";

/** The fields every major of the SDK (4 to 7) puts on an `APIError`; headers differ in shape. */
interface SdkErrorShape {
  message?: string;
  status?: number;
  code?: string | null;
  headers?: HeadersLike | null;
  /**
   * The body's `error` member as the SDK parsed it: OpenAI's `{message, type, param, code}`, a
   * bare string (TGI), or absent when the body had no `error` key (then `message` holds the raw
   * text of a body that was not JSON).
   */
  error?: unknown;
  /** node-fetch's `FetchError` (openai 4 on Node) says `invalid-json` for an unreadable body. */
  type?: string;
}

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
    const errorClass = classOfResponse(sdk.status, sdk.code ?? undefined, errorText(error));
    const wait = retryAfterMs(sdk.headers);
    return new ProviderError({
      ...base,
      // A 5xx the body showed to be the request's fault says so, for whoever reads the span.
      ...(errorClass === "bad_request" && sdk.status >= 500
        ? { message: `${message} (HTTP ${sdk.status}, but the body says the request is invalid: not retried)` }
        : {}),
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
 * Everything an SDK error says about its body, as one text to match phrases in: the message (the
 * body's `error.message`, or the raw text of a body that was not JSON) and the parsed `error`
 * member with its `type`, `param` and `code`. openai 4 to 7 build `message` the same way.
 */
export function errorText(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const sdk = error as SdkErrorShape;
  const message = typeof sdk.message === "string" ? sdk.message : "";
  if (sdk.error === undefined || sdk.error === null) return message;
  if (typeof sdk.error === "string") return `${message}\n${sdk.error}`;
  try {
    return `${message}\n${JSON.stringify(sdk.error)}`;
  } catch {
    return message;
  }
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
