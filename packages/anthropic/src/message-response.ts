import { type AdapterCall, type AdapterResponse, ProviderError } from "@modelpolicy/core";
import { mapStopReason } from "./map-stop-reason.js";
import { type AnthropicUsageShape, messageUsage } from "./message-usage.js";
import { outputToolFor, WRAPPED_OUTPUT_PROPERTY } from "./output-tool.js";

/** The fields of a `Message` the adapter reads; both SDK majors return this shape. */
interface MessageShape {
  id?: string;
  model?: string;
  content?: { type?: string; text?: unknown; name?: unknown; input?: unknown }[];
  stop_reason?: string | null;
  usage?: AnthropicUsageShape | null;
}

/**
 * A Messages API answer as the core's response, or the `ProviderError` it amounts to. A
 * `max_tokens` stop is `output_limit`, a `model_context_window_exceeded` stop `context_length`
 * and a `refusal` `content_filter`; all three keep the usage, because the tokens are billed. With
 * a response format the answer is the forced tool's input as JSON text, and the finish reason is
 * `stop`: the tool call is how structured output travels, not a tool the caller asked for. When
 * the model answered in text instead, the text is returned and the router's schema check decides.
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
  const failure = (errorClass: "output_limit" | "context_length" | "content_filter", what: string) =>
    new ProviderError({ errorClass, model: call.model, usage, retryable: false, message: `${servedModel} ${what}` });
  switch (message.stop_reason) {
    case "max_tokens":
      throw failure("output_limit", "stopped at the output limit (max_tokens)");
    case "model_context_window_exceeded":
      throw failure("context_length", "ran out of context window while answering");
    case "refusal":
      throw failure("content_filter", "refused to answer (stop_reason refusal)");
  }
  const structured = call.responseFormat ? structuredText(message.content, call) : undefined;
  const response: AdapterResponse = {
    text: structured ?? plainText(message.content),
    usage,
    finishReason: structured === undefined ? mapStopReason(message.stop_reason) : "stop",
    servedModel,
  };
  if (message.id) response.responseId = message.id;
  return response;
}

/** The concatenated text blocks; thinking, tool and server-tool blocks carry no answer text. */
function plainText(content: NonNullable<MessageShape["content"]>): string {
  let text = "";
  for (const block of content) if (block.type === "text" && typeof block.text === "string") text += block.text;
  return text;
}

/** The forced output tool's input as JSON text, unwrapped for a non-object schema; `undefined` without that call. */
function structuredText(content: NonNullable<MessageShape["content"]>, call: AdapterCall): string | undefined {
  const { tool, wrapped } = outputToolFor(call.responseFormat!);
  const block = content.find((candidate) => candidate.type === "tool_use" && candidate.name === tool.name);
  if (block === undefined) return undefined;
  const input = block.input as Record<string, unknown> | null | undefined;
  return JSON.stringify(wrapped ? input?.[WRAPPED_OUTPUT_PROPERTY] : input) ?? "";
}
