import type { FinishReason } from "@modelpolicy/core";

/**
 * Anthropic's stop reasons as the core's finish reasons. `model_context_window_exceeded` is a
 * truncation like `max_tokens` (the adapter turns it into `context_length` rather than
 * `output_limit`, because a larger output limit on the same model cannot help), `refusal` is the
 * safety classifiers stopping the answer, and `pause_turn` (a server tool's long turn) is neither
 * a clean stop nor a failure.
 */
export function mapStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "refusal":
      return "content_filter";
    case "tool_use":
      return "tool_calls";
    default:
      return "other";
  }
}
