import type { AdapterCall } from "@modelpolicy/core";
import type { MessagesRequest } from "./anthropic-client-like.js";
import { anthropicMessages } from "./anthropic-messages.js";
import { anthropicToolsOf } from "./anthropic-tools.js";

/** What the request body depends on besides the call. */
export interface MessagesRequestBodyOptions {
  /** Send the call's temperature; API version 2026-10-21 (SDK 1.x) refuses any. */
  sendTemperature: boolean;
  /** The adapter's provider name, which a `RequestShapeError` names. */
  provider: string;
}

/**
 * The Messages API body of a call. System messages go to the top-level `system` field, joined by
 * a blank line when there are several, because API version 2023-06-01 (SDK 0.x) refuses a
 * `system` role inside `messages` and both versions take the top-level field; a system message
 * from the middle of a conversation therefore loses its position. Tool calls, tool results and
 * parts become content blocks (see `anthropicMessages`). The policy's output limit is
 * `max_tokens`, which Anthropic requires. Tools, and the forced tool that carries a response
 * format, follow `anthropicToolsOf`. Throws a `RequestShapeError` for anything Anthropic cannot
 * take, so the adapter builds the body before it calls the client.
 */
export function messagesRequestBody(call: AdapterCall, options: MessagesRequestBodyOptions): MessagesRequest {
  const { system, messages } = anthropicMessages(call.messages, options.provider);
  const body: MessagesRequest = { model: call.model, max_tokens: call.maxOutputTokens, messages };
  if (system !== undefined) body.system = system;
  if (call.temperature !== undefined && options.sendTemperature) body.temperature = call.temperature;
  const { tools, tool_choice } = anthropicToolsOf(call, options.provider);
  if (tools !== undefined) body.tools = tools;
  if (tool_choice !== undefined) body.tool_choice = tool_choice;
  return body;
}
