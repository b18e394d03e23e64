import type { AdapterCall, ChatMessage, ResponseFormat } from "@modelpolicy/core";
import { chatCompletionMessages, chatCompletionToolChoice, chatCompletionTools } from "./chat-completion-tools.js";
import type { ChatCompletionRequest } from "./openai-client-like.js";
import type { EmptyToolCallContent, OutputLimitParameter } from "./server-profile.js";
import type { StructuredOutputMode } from "./structured-output-mode.js";

/**
 * The chat-completions body of a call in one structured-output mode (`undefined` when the call
 * has no schema). Built by assignment: a computed key (the output limit's parameter name) in an
 * object literal costs a slow runtime define on Node 20's V8, per call.
 */
export function chatCompletionRequest(
  call: AdapterCall,
  outputLimitParameter: OutputLimitParameter,
  mode: StructuredOutputMode | undefined,
  emptyToolCallContent: EmptyToolCallContent = null,
): ChatCompletionRequest {
  const format = call.responseFormat;
  const schemaInPrompt = format !== undefined && (mode === "json_object" || mode === "prompt");
  const body: ChatCompletionRequest = {
    model: call.model,
    messages: schemaInPrompt
      ? withSchemaInstruction(call.messages, format, emptyToolCallContent)
      : chatCompletionMessages(call.messages, emptyToolCallContent),
  };
  body[outputLimitParameter] = call.maxOutputTokens;
  if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.tools?.length) body.tools = chatCompletionTools(call.tools);
  if (call.toolChoice !== undefined) body.tool_choice = chatCompletionToolChoice(call.toolChoice);
  if (format === undefined) return body;
  switch (mode) {
    case "json_schema":
      body.response_format = {
        type: "json_schema",
        json_schema: {
          name: schemaName(format),
          schema: format.schema,
          // Non-strict unless asked: strict mode refuses schemas with optional properties.
          strict: format.strict ?? false,
        },
      };
      break;
    case "json_object_schema":
      body.response_format = { type: "json_object", schema: format.schema };
      break;
    case "json_object":
      body.response_format = { type: "json_object" };
      break;
    default:
      break;
  }
  return body;
}

/**
 * The messages with the schema stated in the system prompt, for modes where the server does not
 * enforce it. Appended to the first system message when there is one (so the caller's
 * instructions stay first and a server that honours only one system message still sees both),
 * otherwise sent as a system message of its own.
 */
function withSchemaInstruction(
  messages: readonly ChatMessage[],
  format: ResponseFormat,
  emptyToolCallContent: EmptyToolCallContent,
): ChatCompletionRequest["messages"] {
  const instruction = schemaInstruction(format);
  const copied = chatCompletionMessages(messages, emptyToolCallContent);
  const system = copied.find((message) => message.role === "system");
  if (system) system.content = `${system.content}\n\n${instruction}`;
  else copied.unshift({ role: "system", content: instruction });
  return copied;
}

/** Compact schema instructions, one per response format (the router reuses its format objects). */
const instructions = new WeakMap<ResponseFormat, string>();

/**
 * The instruction that carries the schema. Compact JSON, since a small model's context is
 * short and every token of it is paid for; it says "JSON" in words, which OpenAI's `json_object`
 * mode requires of the prompt.
 */
export function schemaInstruction(format: ResponseFormat): string {
  let instruction = instructions.get(format);
  if (instruction === undefined) {
    instruction = `Reply with one JSON object only (no prose, no code fences) that matches this JSON Schema:\n${JSON.stringify(format.schema)}`;
    instructions.set(format, instruction);
  }
  return instruction;
}

/** Sanitised schema names, one per response format. */
const schemaNames = new WeakMap<ResponseFormat, string>();

/**
 * OpenAI accepts schema names of letters, digits, `_` and `-`, at most 64 characters; chat
 * completions and the Responses API send the same name.
 */
export function schemaName(format: ResponseFormat): string {
  let name = schemaNames.get(format);
  if (name === undefined) {
    name = format.name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "output";
    schemaNames.set(format, name);
  }
  return name;
}
