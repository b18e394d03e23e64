import type { AdapterToolCall, ChatMessage, ToolChoice, ToolDefinition } from "@modelpolicy/core";
import { type ChatCompletionContentPart, chatCompletionContentParts } from "./chat-completion-parts.js";
import type { EmptyToolCallContent } from "./server-profile.js";

/** A chat-completions message: text, an assistant turn with tool calls, or a tool's result. */
export type ChatCompletionMessage =
  | { role: "system" | "user" | "assistant"; content: string }
  | { role: "user"; content: ChatCompletionContentPart[] }
  | { role: "assistant"; content: string | null; tool_calls: ChatCompletionToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

/** A tool call on the wire: OpenAI's `function` kind, arguments as JSON text. */
export interface ChatCompletionToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** A tool definition on the wire. */
export interface ChatCompletionTool {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** `tool_choice` on the wire: a mode, or one named function. */
export type ChatCompletionToolChoice = "auto" | "none" | "required" | { type: "function"; function: { name: string } };

/**
 * Core's history as chat-completions messages: tool calls replayed as `tool_calls` and tool
 * results as `tool` messages. A tool-calling turn without text gets `emptyToolCallContent` as its
 * content: `null` as OpenAI sends it, or `""` for servers that refuse `null` (see `serverProfile`).
 */
export function chatCompletionMessages(
  messages: readonly ChatMessage[],
  emptyToolCallContent: EmptyToolCallContent = null,
): ChatCompletionMessage[] {
  return messages.map((message): ChatCompletionMessage => {
    if (message.role === "tool") {
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
    }
    if ("toolCalls" in message) {
      return {
        role: "assistant",
        content: message.content ?? emptyToolCallContent,
        tool_calls: message.toolCalls.map((call) => ({
          id: call.id,
          type: "function",
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
    if (typeof message.content !== "string") {
      return { role: "user", content: chatCompletionContentParts(message.content) };
    }
    return { role: message.role, content: message.content };
  });
}

/** Core's tool definitions as chat-completions `tools`. */
export function chatCompletionTools(tools: readonly ToolDefinition[]): ChatCompletionTool[] {
  return tools.map((tool) => ({
    type: "function",
    function:
      tool.description === undefined
        ? { name: tool.name, parameters: tool.parameters }
        : { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
}

/** Core's tool choice as chat-completions `tool_choice`. */
export function chatCompletionToolChoice(choice: ToolChoice): ChatCompletionToolChoice {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
}

/** The fields of a returned tool call the adapter reads. */
interface ToolCallShape {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

/**
 * A completion's `tool_calls` as core's tool calls; entries that are not function calls are
 * left out (nothing in core could run them). Absent when there are none.
 */
export function adapterToolCalls(
  toolCalls: readonly ToolCallShape[] | null | undefined,
): AdapterToolCall[] | undefined {
  if (!toolCalls?.length) return undefined;
  const calls: AdapterToolCall[] = [];
  for (const call of toolCalls) {
    if (call.function?.name === undefined) continue;
    calls.push({ id: call.id ?? "", name: call.function.name, arguments: call.function.arguments ?? "" });
  }
  return calls.length > 0 ? calls : undefined;
}
