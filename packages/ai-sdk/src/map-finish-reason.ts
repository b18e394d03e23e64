import type { FinishReason } from "@modelpolicy/core";
import type { AiSdkFinishReason } from "./ai-sdk-provider-like.js";

/**
 * The AI SDK's unified finish reason as the core's. Spec v2 gives the unified reason as a
 * string; v3 and v4 give `{ unified, raw }`, and the unified member is read whatever the model's
 * declared version says. `error`, `interrupted` (v4, a stream that ended without a finish) and
 * `unknown` (v2) have no core counterpart and become `other`; the adapter decides separately
 * what `length`, `content-filter` and `error` mean for the call.
 */
export function mapFinishReason(reason: AiSdkFinishReason | null | undefined): FinishReason {
  switch (unifiedFinishReason(reason)) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "content-filter":
      return "content_filter";
    case "tool-calls":
      return "tool_calls";
    default:
      return "other";
  }
}

/** The unified reason of either shape, `undefined` when the model sent neither. */
export function unifiedFinishReason(reason: AiSdkFinishReason | null | undefined): string | undefined {
  if (typeof reason === "string") return reason;
  if (typeof reason === "object" && reason !== null && typeof reason.unified === "string") return reason.unified;
  return undefined;
}
