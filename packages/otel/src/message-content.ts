import type { ChatMessage, FinishReason, ToolDefinition } from "@modelpolicy/core";

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
  const entries = messages.map((message) => ({ role: message.role, parts: messageParts(message) }));
  return JSON.stringify(entries);
}

/** A message's semconv parts: text, `tool_call` for each call an assistant turn made, `tool_call_response`. */
function messageParts(message: ChatMessage): Record<string, unknown>[] {
  if (message.role === "tool")
    return [{ type: "tool_call_response", id: message.toolCallId, response: message.content }];
  const parts: Record<string, unknown>[] = [];
  if (typeof message.content === "object") {
    // Images and files by reference only: their bytes are no span attribute's business.
    for (const part of message.content) {
      if (part.type === "text") parts.push({ type: "text", content: part.text });
      else
        parts.push({ type: part.url === undefined ? "blob" : "uri", modality: part.type, mime_type: part.mediaType });
    }
  } else if (message.content) parts.push({ type: "text", content: message.content });
  if ("toolCalls" in message) {
    for (const call of message.toolCalls) {
      parts.push({ type: "tool_call", id: call.id, name: call.name, arguments: call.arguments });
    }
  }
  return parts;
}

/** `gen_ai.tool.definitions`: the tools offered, in the semconv's function-definition shape. */
export function toolDefinitionsJson(tools: readonly ToolDefinition[]): string {
  return JSON.stringify(
    tools.map((tool) => ({
      type: "function",
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
    })),
  );
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
