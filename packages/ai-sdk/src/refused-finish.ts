import { type AdapterCall, type ErrorClass, ProviderError, type TokenUsage } from "@modelpolicy/core";
import type { AiSdkFinishReason } from "./ai-sdk-provider-like.js";
import { unifiedFinishReason } from "./map-finish-reason.js";

/**
 * The {@link ProviderError} a finish reason amounts to, or `undefined` for an answer the caller
 * may have. A `length` finish is `output_limit` (or `context_length` when the raw reason is
 * Anthropic's `model_context_window_exceeded`: a larger output limit on the same model cannot
 * help), a `content-filter` finish `content_filter`, and an `error` finish a retryable
 * `server_error`; all three keep the usage, because the tokens are billed. Shared by `generate`
 * and `stream`, so a streamed answer is refused exactly when the same answer in one piece is.
 * `generate` passes the answer's `text`, which an `output_limit` error carries so that a policy's
 * `partial` step can keep what of it is whole; `stream` passes none, since the router has the
 * streamed text itself.
 */
export function refusedFinish(
  finishReason: AiSdkFinishReason | null | undefined,
  usage: TokenUsage,
  call: AdapterCall,
  servedModel: string,
  text?: string,
): ProviderError | undefined {
  const unified = unifiedFinishReason(finishReason);
  const raw = typeof finishReason === "object" && finishReason !== null ? finishReason.raw : undefined;
  const failure = (errorClass: ErrorClass, what: string, retryable: boolean) =>
    new ProviderError({ errorClass, model: call.model, usage, retryable, message: `${servedModel} ${what}` });
  switch (unified) {
    case "length":
      if (raw === "model_context_window_exceeded") {
        return failure("context_length", "ran out of context window while answering", false);
      }
      return new ProviderError({
        errorClass: "output_limit",
        model: call.model,
        usage,
        retryable: false,
        message: `${servedModel} stopped at the output limit (${raw ?? "length"})`,
        ...(text !== undefined ? { text } : {}),
      });
    case "content-filter":
      return failure("content_filter", `filtered or refused the answer (${raw ?? "content-filter"})`, false);
    case "error":
      return failure("server_error", `stopped because of a provider error (${raw ?? "error"})`, true);
  }
  return undefined;
}
