import type { ChatMessage } from "../adapter/model-adapter.js";

/**
 * The messages with each multi-part message of text parts only joined into plain text, so an
 * adapter that takes no images or files still gets it; the same array when nothing changes,
 * which is the common case and costs one pass.
 */
export function flattenTextParts(messages: readonly ChatMessage[]): readonly ChatMessage[] {
  let flattened: ChatMessage[] | undefined;
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as ChatMessage;
    if (typeof message.content !== "object" || !message.content.every((part) => part.type === "text")) continue;
    flattened ??= [...messages];
    flattened[index] = { role: "user", content: message.content.map((part) => part.text).join("\n") };
  }
  return flattened ?? messages;
}
