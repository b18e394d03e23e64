import {
  type AdapterToolCall,
  type ChatMessage,
  ConfigurationError,
  isTextMessage,
  type ToolChoice,
  type ToolDefinition,
} from "@modelpolicy/core";

/**
 * A Responses API input item: a text message, a function call the assistant made, or a
 * function's output. A subset of every SDK major's `ResponseInputItem`.
 */
export type ResponsesInputItem =
  | { role: "system" | "user" | "assistant"; content: string }
  | { type: "function_call"; call_id: string; name: string; arguments: string }
  | { type: "function_call_output"; call_id: string; output: string };

/**
 * A function tool on the wire. `strict` is required by the SDK types and defaults to on at
 * OpenAI, which refuses schemas with optional properties; the adapter sends `false`, as chat
 * completions leaves it, because the router validates every call's arguments itself.
 */
export interface ResponsesFunctionTool {
  type: "function";
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  strict: false;
}

/** `tool_choice` on the wire: a mode, or one named function (flat, unlike chat completions). */
export type ResponsesToolChoice = "auto" | "none" | "required" | { type: "function"; name: string };

/**
 * Core's history as input items: an assistant turn that called tools becomes its text (when it
 * had some) and one `function_call` item per call, a tool's result a `function_call_output`.
 * Images and files are refused: this adapter does not declare them, so the router never sends
 * them, and one arriving anyway is a configuration mistake.
 */
export function responsesInput(messages: readonly ChatMessage[]): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [];
  for (const message of messages) {
    if (message.role === "tool") {
      items.push({ type: "function_call_output", call_id: message.toolCallId, output: message.content });
    } else if ("toolCalls" in message) {
      if (message.content) items.push({ role: "assistant", content: message.content });
      for (const call of message.toolCalls) {
        items.push({ type: "function_call", call_id: call.id, name: call.name, arguments: call.arguments });
      }
    } else if (isTextMessage(message)) {
      items.push({ role: message.role, content: message.content });
    } else {
      throw new ConfigurationError("the Responses API adapter does not take images or files yet");
    }
  }
  return items;
}

/** Core's tool definitions as Responses API function tools. */
export function responsesTools(tools: readonly ToolDefinition[]): ResponsesFunctionTool[] {
  return tools.map((tool) =>
    tool.description === undefined
      ? { type: "function", name: tool.name, parameters: tool.parameters, strict: false }
      : {
          type: "function",
          name: tool.name,
          description: tool.description,
          parameters: tool.parameters,
          strict: false,
        },
  );
}

/** Core's tool choice as the Responses API's `tool_choice`. */
export function responsesToolChoice(choice: ToolChoice): ResponsesToolChoice {
  return typeof choice === "string" ? choice : { type: "function", name: choice.name };
}

/**
 * A response's `function_call` output items as core's tool calls, in order, each named by its
 * `call_id` (what a `function_call_output` answers), not its item `id`. Absent when there are none.
 */
export function responsesToolCalls(output: unknown): AdapterToolCall[] | undefined {
  const calls: AdapterToolCall[] = [];
  for (const item of Array.isArray(output) ? output : []) {
    const { type, call_id, name, arguments: args } = (item ?? {}) as Record<string, unknown>;
    if (type !== "function_call" || typeof name !== "string") continue;
    calls.push({
      id: typeof call_id === "string" ? call_id : "",
      name,
      arguments: typeof args === "string" ? args : "",
    });
  }
  return calls.length > 0 ? calls : undefined;
}
