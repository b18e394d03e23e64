import { type AdapterCall, type AdapterResponse, ProviderError } from "@modelpolicy/core";
import type { AiSdkGenerateResult } from "./ai-sdk-provider-like.js";
import { mapFinishReason } from "./map-finish-reason.js";
import { refusedFinish } from "./refused-finish.js";
import { resultUsage } from "./result-usage.js";

/**
 * A `doGenerate` result as the core's response, or the {@link ProviderError} it amounts to.
 * The finishes `refusedFinish` names are thrown with their usage. The text is the joined text parts; with a
 * response format and a spec v4 `structuredOutputText`, that text, which the provider marked as
 * the one to parse (Anthropic's JSON tool answer, say). Reasoning, tool-call, file and source
 * parts carry no answer text and are skipped.
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
  const refused = refusedFinish(result.finishReason, usage, call, servedModel);
  if (refused !== undefined) throw refused;
  const structured = call.responseFormat !== undefined ? result.structuredOutputText : undefined;
  const response: AdapterResponse = {
    text: typeof structured === "string" ? structured : joinedText(result.content),
    usage,
    finishReason: mapFinishReason(result.finishReason),
    servedModel,
  };
  if (typeof result.response?.id === "string" && result.response.id !== "") response.responseId = result.response.id;
  return response;
}

function joinedText(content: AiSdkGenerateResult["content"]): string {
  let text = "";
  for (const part of content) if (part.type === "text" && typeof part.text === "string") text += part.text;
  return text;
}
