import type { ChatMessage, TextMessage } from "./model-adapter.js";

/**
 * True for a plain text message, false for tool calls and tool results. Adapters that do not
 * declare `accepts.tools` never get the others from the router, and use this to narrow.
 */
export function isTextMessage(message: ChatMessage): message is TextMessage {
  return message.role !== "tool" && !("toolCalls" in message);
}
