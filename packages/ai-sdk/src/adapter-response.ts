import { type AdapterCall, type AdapterResponse, type AdapterToolCall, ProviderError } from "@modelpolicy/core";
import { adapterToolCall } from "./adapter-tool-call.js";
import type { AiSdkGenerateResult } from "./ai-sdk-provider-like.js";
import { mapFinishReason } from "./map-finish-reason.js";
import { refusedFinish } from "./refused-finish.js";
import { resultUsage } from "./result-usage.js";

/**
 * A `doGenerate` result as the core's response, or the {@link ProviderError} it amounts to.
 * The finishes `refusedFinish` names are thrown with their usage, an `output_limit` stop with the
 * text it cut too. The text is the joined text parts; with a response format and a spec v4
 * `structuredOutputText`, that text, which the provider marked as the one to parse (Anthropic's
 * JSON tool answer, say). `tool-call` parts are the response's `toolCalls`, their arguments the
 * JSON text the provider sent (`input` in every spec version, see `adapterToolCall`), and make
 * the finish reason `tool_calls`; calls the provider ran itself are skipped, as are reasoning,
 * file and source parts, which carry no answer text.
 */
export function adapterResponse(result: AiSdkGenerateResult, call: AdapterCall, modelId: string): AdapterResponse {
  if (typeof result !== "object" || result === null || !Array.isArray(result.content)) {
    throw new ProviderError({
      errorClass: "server_error",
      model: call.model,
      message: `${modelId} answered without content (doGenerate returned no content array)`,
    });
  }
  const usage = resultUsage(result.usage);
  const servedModel = result.response?.modelId || modelId || call.model;
  const structured = call.responseFormat !== undefined ? result.structuredOutputText : undefined;
  const text = typeof structured === "string" ? structured : joinedText(result.content);
  const refused = refusedFinish(result.finishReason, usage, call, servedModel, text);
  if (refused !== undefined) throw refused;
  const toolCalls = resultToolCalls(result.content);
  const response: AdapterResponse = {
    text,
    usage,
    finishReason: toolCalls.length > 0 ? "tool_calls" : mapFinishReason(result.finishReason),
    servedModel,
  };
  if (toolCalls.length > 0) response.toolCalls = toolCalls;
  if (typeof result.response?.id === "string" && result.response.id !== "") response.responseId = result.response.id;
  return response;
}

function joinedText(content: AiSdkGenerateResult["content"]): string {
  let text = "";
  for (const part of content) if (part.type === "text" && typeof part.text === "string") text += part.text;
  return text;
}

function resultToolCalls(content: AiSdkGenerateResult["content"]): AdapterToolCall[] {
  const calls: AdapterToolCall[] = [];
  for (const part of content) {
    if (part.type !== "tool-call") continue;
    const toolCall = adapterToolCall(part);
    if (toolCall !== undefined) calls.push(toolCall);
  }
  return calls;
}
