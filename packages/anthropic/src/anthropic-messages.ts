import { type ChatMessage, toolCallInput } from "@modelpolicy/core";
import type { AnthropicContentBlock, AnthropicMessage } from "./anthropic-client-like.js";
import { anthropicContentBlocks } from "./anthropic-content-blocks.js";

/** A history as the Messages API takes it: the system prompt apart, the turns in order. */
export interface AnthropicHistory {
  /** The system messages' texts, joined by a blank line; absent when there are none. */
  system?: string;
  messages: AnthropicMessage[];
}

/**
 * Core's history as Messages API turns. System messages go to the top-level `system` field (see
 * `messagesRequestBody`). An assistant turn that called tools becomes content blocks: its text,
 * if any, then one `tool_use` per call with the arguments parsed back into the object Anthropic
 * wants as `input`. Tool results become `tool_result` blocks, and consecutive results share one
 * user message, because Anthropic wants every result of a turn's calls at the start of the very
 * next message. A multi-part user message becomes text, image and document blocks (see
 * `anthropicContentBlocks`). Throws a `RequestShapeError`, before any request, for what
 * Anthropic cannot take.
 */
export function anthropicMessages(history: readonly ChatMessage[], provider: string): AnthropicHistory {
  const system: string[] = [];
  const messages: AnthropicMessage[] = [];
  // The blocks of the user message that tool results are being collected into, if the last one is.
  let results: AnthropicContentBlock[] | undefined;
  for (const message of history) {
    if (message.role === "tool") {
      const block: AnthropicContentBlock = {
        type: "tool_result",
        tool_use_id: message.toolCallId,
        content: message.content,
      };
      if (results === undefined) {
        results = [block];
        messages.push({ role: "user", content: results });
      } else {
        results.push(block);
      }
      continue;
    }
    results = undefined;
    if ("toolCalls" in message) {
      const blocks: AnthropicContentBlock[] = [];
      if (message.content) blocks.push({ type: "text", text: message.content });
      for (const call of message.toolCalls) {
        blocks.push({
          type: "tool_use",
          id: call.id,
          name: call.name,
          input: toolCallInput(call, provider, "Anthropic needs as its input"),
        });
      }
      messages.push({ role: "assistant", content: blocks });
    } else if (typeof message.content !== "string") {
      messages.push({ role: "user", content: anthropicContentBlocks(message.content, provider) });
    } else if (message.role === "system") {
      system.push(message.content);
    } else {
      messages.push({ role: message.role, content: message.content });
    }
  }
  return system.length > 0 ? { system: system.join("\n\n"), messages } : { messages };
}
