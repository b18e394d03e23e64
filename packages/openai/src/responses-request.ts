import type { AdapterCall } from "@modelpolicy/core";
import { schemaName } from "./chat-completion-request.js";
import {
  type ResponsesFunctionTool,
  type ResponsesInputItem,
  type ResponsesToolChoice,
  responsesInput,
  responsesToolChoice,
  responsesTools,
} from "./responses-tools.js";

/**
 * The Responses API request the adapter sends. Only the fields it fills are declared, so the
 * type is a subset of every SDK major's `ResponseCreateParams` (openai 4.104 and later).
 */
export interface ResponsesRequest {
  model: string;
  /** The call's messages as input items, system messages and tool calls included, in order. */
  input: ResponsesInputItem[];
  max_output_tokens: number;
  temperature?: number;
  tools?: ResponsesFunctionTool[];
  tool_choice?: ResponsesToolChoice;
  /** Structured output: the Responses API's `text.format`, always `json_schema`. */
  text?: { format: { type: "json_schema"; name: string; schema: Record<string, unknown>; strict: boolean } };
  /**
   * `false`: the router's calls are stateless (no `previous_response_id`), so nothing is kept
   * on OpenAI's side for a later turn; OpenAI stores responses for 30 days by default.
   */
  store: false;
  /** Set by `stream()` only. */
  stream?: true;
}

/**
 * The Responses API body of a call: messages as input items, the policy's output limit as
 * `max_output_tokens`, tools as function tools with their `tool_choice`, and a schema as
 * `text.format` of type `json_schema` with the same sanitised name and the same non-strict
 * default as chat completions.
 */
export function responsesRequest(call: AdapterCall): ResponsesRequest {
  const body: ResponsesRequest = {
    model: call.model,
    input: responsesInput(call.messages),
    max_output_tokens: call.maxOutputTokens,
    store: false,
  };
  if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.tools?.length) body.tools = responsesTools(call.tools);
  if (call.toolChoice !== undefined) body.tool_choice = responsesToolChoice(call.toolChoice);
  const format = call.responseFormat;
  if (format !== undefined) {
    body.text = {
      // Non-strict unless asked: strict mode refuses schemas with optional properties.
      format: { type: "json_schema", name: schemaName(format), schema: format.schema, strict: format.strict ?? false },
    };
  }
  return body;
}
