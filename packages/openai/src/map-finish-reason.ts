import type { FinishReason } from "@modelpolicy/core";

/** OpenAI's finish reasons as the core's. `function_call` is the legacy name of `tool_calls`. */
export function mapFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "content_filter":
      return "content_filter";
    case "tool_calls":
    case "function_call":
      return "tool_calls";
    default:
      return "other";
  }
}
