import type { ChatMessage, FinishReason } from "@modelpolicy/core";

/** The standard switch the GenAI instrumentations of every language read. */
export const CAPTURE_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

/**
 * Whether the environment opts in to recording prompts and completions. Off unless the variable
 * is `true` (any case): content is the most sensitive thing an LLM app has, so anything
 * unclear means off. Reads `process` defensively for runtimes without it.
 */
export function captureContentFromEnvironment(): boolean {
  const value = typeof process === "undefined" ? undefined : process.env[CAPTURE_CONTENT_ENV];
  return value?.trim().toLowerCase() === "true";
}

/**
 * `gen_ai.input.messages` as the GenAI semconv input-messages schema wants it: one entry per
 * message, text in a `parts` list. Spans cannot hold structured values in the JS API, and the
 * convention allows a JSON string there.
 */
export function inputMessagesJson(messages: readonly ChatMessage[]): string {
  const entries = messages.map((message) => ({
    role: message.role,
    parts: [{ type: "text", content: message.content }],
  }));
  return JSON.stringify(entries);
}

/** `gen_ai.output.messages`: the one answer as an assistant message with its finish reason. */
export function outputMessagesJson(text: string, finishReason: FinishReason | undefined): string {
  return JSON.stringify([
    { role: "assistant", parts: [{ type: "text", content: text }], finish_reason: semconvFinishReason(finishReason) },
  ]);
}

/** The output-messages schema spells tool calls in the singular and needs a reason always. */
function semconvFinishReason(reason: FinishReason | undefined): string {
  if (reason === undefined) return "error";
  return reason === "tool_calls" ? "tool_call" : reason;
}
