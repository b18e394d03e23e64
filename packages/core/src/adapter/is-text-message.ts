import type { ChatMessage, TextMessage } from "./model-adapter.js";

/**
 * True for a plain text message, false for tool calls, tool results and multi-part messages.
 * Adapters that declare no `accepts` never get the others from the router, and use this to narrow
 * (a multi-part message of text parts only is sent to them flattened, see `flattenTextParts`).
 */
export function isTextMessage(message: ChatMessage): message is TextMessage {
  return message.role !== "tool" && !("toolCalls" in message) && typeof message.content === "string";
}
