import { type AdapterCall, type AdapterResponse, type ErrorClass, ProviderError } from "@modelpolicy/core";
import type { AiSdkGenerateResult } from "./ai-sdk-provider-like.js";
import { mapFinishReason, unifiedFinishReason } from "./map-finish-reason.js";
import { resultUsage } from "./result-usage.js";

/**
 * A `doGenerate` result as the core's response, or the {@link ProviderError} it amounts to.
 * A `length` finish is `output_limit` (or `context_length` when the raw reason is Anthropic's
 * `model_context_window_exceeded`: a larger output limit on the same model cannot help), a
 * `content-filter` finish `content_filter`, and an `error` finish a retryable `server_error`; all
 * three keep the usage, because the tokens are billed. The text is the joined text parts; with a
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
  const unified = unifiedFinishReason(result.finishReason);
  const raw = typeof result.finishReason === "object" ? result.finishReason.raw : undefined;
  const failure = (errorClass: ErrorClass, what: string, retryable: boolean) =>
    new ProviderError({ errorClass, model: call.model, usage, retryable, message: `${servedModel} ${what}` });
  switch (unified) {
    case "length":
      if (raw === "model_context_window_exceeded") {
        throw failure("context_length", "ran out of context window while answering", false);
      }
      throw failure("output_limit", `stopped at the output limit (${raw ?? "length"})`, false);
    case "content-filter":
      throw failure("content_filter", `filtered or refused the answer (${raw ?? "content-filter"})`, false);
    case "error":
      throw failure("server_error", `stopped because of a provider error (${raw ?? "error"})`, true);
  }
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
