import { type AdapterCall, ConfigurationError, isTextMessage } from "@modelpolicy/core";
import type { MessagesRequest } from "./anthropic-client-like.js";
import { outputToolFor } from "./output-tool.js";

/** What the request body depends on besides the call. */
export interface MessagesRequestBodyOptions {
  /** Send the call's temperature; API version 2026-10-21 (SDK 1.x) refuses any. */
  sendTemperature: boolean;
}

/**
 * The Messages API body of a call. System messages go to the top-level `system` field, joined by
 * a blank line when there are several, because API version 2023-06-01 (SDK 0.x) refuses a
 * `system` role inside `messages` and both versions take the top-level field; a system message
 * from the middle of a conversation therefore loses its position. The policy's output limit is
 * `max_tokens`, which Anthropic requires. With a response format the answer is forced through
 * one tool (see `outputToolFor`).
 */
export function messagesRequestBody(call: AdapterCall, options: MessagesRequestBodyOptions): MessagesRequest {
  const system: string[] = [];
  const messages: MessagesRequest["messages"] = [];
  for (const message of call.messages) {
    // The adapter declares no `accepts.tools`, so the router never sends it tool messages.
    if (!isTextMessage(message)) throw new ConfigurationError("the Anthropic adapter does not take tool messages yet");
    if (message.role === "system") system.push(message.content);
    // Tool turns never get here: the adapter declares no tool support, so the router refuses
    // a request with them before any call.
    else if (message.role === "user" || message.role === "assistant") {
      messages.push({ role: message.role, content: message.content ?? "" });
    }
  }
  const body: MessagesRequest = { model: call.model, max_tokens: call.maxOutputTokens, messages };
  if (system.length > 0) body.system = system.join("\n\n");
  if (call.temperature !== undefined && options.sendTemperature) body.temperature = call.temperature;
  if (call.responseFormat) {
    const { tool } = outputToolFor(call.responseFormat);
    body.tools = [tool];
    body.tool_choice = { type: "tool", name: tool.name };
  }
  return body;
}
