import { ProviderError } from "../errors/provider-error.js";
import type { RequestShapeError } from "../errors/request-shape-error.js";

/**
 * An adapter refused a part of the request before sending it (an image type its provider does
 * not take, say): a `bad_request`, never retried, with the {@link RequestShapeError} as its
 * cause, so the call fails typed rather than as `unknown`.
 */
export function refusedShape(error: RequestShapeError, model: string): ProviderError {
  return new ProviderError({
    errorClass: "bad_request",
    message: error.message,
    model,
    retryable: false,
    cause: error,
  });
}
