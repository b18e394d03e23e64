import { type AdapterCall, type AdapterResponse, ProviderError } from "@modelpolicy/core";
import { mapStopReason } from "./map-stop-reason.js";
import { type AnthropicUsageShape, messageUsage } from "./message-usage.js";
import { type OutputToolFor, outputToolFor, WRAPPED_OUTPUT_PROPERTY } from "./output-tool.js";
import { type ToolUseBlockShape, toolUseCalls } from "./tool-use-calls.js";

/** The fields of a `Message` the adapter reads; both SDK majors return this shape. */
interface MessageShape {
  id?: string;
  model?: string;
  content?: ({ text?: unknown } & ToolUseBlockShape)[];
  stop_reason?: string | null;
  usage?: AnthropicUsageShape | null;
}

/**
 * A Messages API answer as the core's response, or the `ProviderError` it amounts to. A
 * `max_tokens` stop is `output_limit`, a `model_context_window_exceeded` stop `context_length`
 * and a `refusal` `content_filter`; all three keep the usage, because the tokens are billed. With
 * a response format the answer is the output tool's input as JSON text, and the finish reason is
 * `stop`: the tool call is how structured output travels, not a tool the caller asked for. When
 * the model answered in text instead, the text is returned and the router's schema check decides.
 * Calls of the caller's tools come back as `toolCalls` (see `toolUseCalls`) with finish reason
 * `tool_calls`, beside any text or structured answer the same turn holds.
 */
export function messageResponse(answer: unknown, call: AdapterCall): AdapterResponse {
  const message = answer as MessageShape | null;
  if (typeof message !== "object" || message === null || !Array.isArray(message.content)) {
    throw new ProviderError({
      errorClass: "server_error",
      model: call.model,
      message: "provider answered 200 without a message (not JSON, or no content)",
    });
  }
  const usage = messageUsage(message.usage);
  const servedModel = message.model || call.model;
  const output = call.responseFormat ? outputToolFor(call.responseFormat) : undefined;
  const structured = output ? structuredText(message.content, output) : undefined;
  const failure = (errorClass: "output_limit" | "context_length" | "content_filter", what: string, text?: string) =>
    new ProviderError({
      errorClass,
      model: call.model,
      usage,
      retryable: false,
      text,
      message: `${servedModel} ${what}`,
    });
  switch (message.stop_reason) {
    case "max_tokens":
      // The cut answer goes with the error, for a policy's `partial` step to keep what is whole.
      throw failure(
        "output_limit",
        "stopped at the output limit (max_tokens)",
        structured ?? plainText(message.content),
      );
    case "model_context_window_exceeded":
      throw failure("context_length", "ran out of context window while answering");
    case "refusal":
      throw failure("content_filter", "refused to answer (stop_reason refusal)");
  }
  const toolCalls = toolUseCalls(message.content, output?.tool.name);
  const response: AdapterResponse = {
    text: structured ?? plainText(message.content),
    usage,
    finishReason: toolCalls ? "tool_calls" : structured === undefined ? mapStopReason(message.stop_reason) : "stop",
    servedModel,
  };
  if (toolCalls) response.toolCalls = toolCalls;
  if (message.id) response.responseId = message.id;
  return response;
}

/** The concatenated text blocks; thinking, tool and server-tool blocks carry no answer text. */
function plainText(content: NonNullable<MessageShape["content"]>): string {
  let text = "";
  for (const block of content) if (block.type === "text" && typeof block.text === "string") text += block.text;
  return text;
}

/** The output tool's input as JSON text, unwrapped for a non-object schema; `undefined` without that call. */
function structuredText(
  content: NonNullable<MessageShape["content"]>,
  { tool, wrapped }: OutputToolFor,
): string | undefined {
  const block = content.find((candidate) => candidate.type === "tool_use" && candidate.name === tool.name);
  if (block === undefined) return undefined;
  const input = block.input as Record<string, unknown> | null | undefined;
  return JSON.stringify(wrapped ? input?.[WRAPPED_OUTPUT_PROPERTY] : input) ?? "";
}
