import type { AdapterCall, ModelAdapter } from "@modelpolicy/core";
import { chatCompletionRequest } from "./chat-completion-request.js";
import { chatCompletionResponse, type OpenAIAdapterResponse } from "./chat-completion-response.js";
import { rejectsStructuredOutput } from "./classify-request-error.js";
import { clientEndpoint } from "./client-endpoint.js";
import { errorText, mapOpenAIError } from "./map-openai-error.js";
import type { OpenAIClientLike } from "./openai-client-like.js";
import { type OutputLimitParameter, serverProfile } from "./server-profile.js";
import type { StructuredOutputMode, StructuredOutputOptions } from "./structured-output-mode.js";
import { StructuredOutputNegotiator } from "./structured-output-negotiator.js";

/** How the adapter talks to the client. */
export interface OpenAIAdapterOptions {
  /** The provider name tiers use in the policy table. Default `openai`. */
  provider?: string;
  /**
   * Which request field carries the output limit, overriding the rule: `max_completion_tokens`
   * for api.openai.com and Azure OpenAI (api-version 2024-09-01-preview or later), `max_tokens`
   * for every other server (see `serverProfile`).
   */
  maxTokensParameter?: OutputLimitParameter;
  /**
   * How requests with a schema ask for JSON: a fixed mode for all models or per model, or
   * (the default) negotiated per base URL and model. See {@link StructuredOutputOptions}.
   */
  structuredOutput?: StructuredOutputOptions;
}

/**
 * The adapter {@link openAIAdapter} returns: a core {@link ModelAdapter} whose answers also say
 * which structured-output mode and usage source they came from, and which mode the next call
 * for a model would start with.
 */
export interface OpenAIModelAdapter extends ModelAdapter {
  generate(call: AdapterCall): Promise<OpenAIAdapterResponse>;
  /** The structured-output mode a call for `model` starts with now (after what negotiation learned). */
  structuredOutputMode(model: string): StructuredOutputMode;
}

/**
 * A {@link ModelAdapter} over an `OpenAI` client the host already has (openai 4.104+, 5, 6 or 7):
 * its API key, base URL, proxy, and any instrumentation stay as they are. Each routed call runs
 * with the SDK's own retries off (`maxRetries: 0`), because the router owns retries and fallback:
 * both retrying would multiply the attempts a policy allows.
 *
 * Structured output is negotiated unless a mode is fixed: when a server refuses a mode's request
 * shape (a 400, 422 or 5xx whose body names `response_format`, `json_schema` or the schema), the
 * adapter re-sends the call in the next mode at once — one HTTP request per mode tried — and
 * remembers the move for that base URL and model. The router therefore never retries a request
 * shape the server cannot accept, and its circuit breaker never counts one.
 */
export function openAIAdapter(client: OpenAIClientLike, options: OpenAIAdapterOptions = {}): OpenAIModelAdapter {
  const provider = options.provider ?? "openai";
  const { outputLimitParameter } = serverProfile(client.baseURL, client.apiVersion, options.maxTokensParameter);
  const negotiator = new StructuredOutputNegotiator(client.baseURL, options.structuredOutput);

  async function send(call: AdapterCall, mode: StructuredOutputMode | undefined): Promise<OpenAIAdapterResponse> {
    const request = chatCompletionRequest(call, outputLimitParameter, mode);
    const completion = await client.chat.completions.create(request, { signal: call.signal, maxRetries: 0 });
    return chatCompletionResponse(completion, request, mode);
  }

  return {
    specificationVersion: "v2",
    provider,
    endpoint: clientEndpoint(client.baseURL),
    api: "chat_completions",
    structuredOutputMode: (model) => negotiator.currentMode(model),
    async generate(call: AdapterCall): Promise<OpenAIAdapterResponse> {
      if (call.responseFormat === undefined) {
        try {
          return await send(call, undefined);
        } catch (error) {
          throw mapOpenAIError(error, call.model, call.signal);
        }
      }
      const { modes, negotiated } = negotiator.modesFor(call.model);
      for (let index = 0; ; index += 1) {
        const mode = modes[index]!;
        try {
          return await send(call, mode);
        } catch (error) {
          const moveOn = negotiated && index < modes.length - 1 && !call.signal.aborted && refusesMode(error);
          if (!moveOn) throw mapOpenAIError(error, call.model, call.signal);
          negotiator.rejected(call.model, mode);
        }
      }
    },
  };
}

/** An SDK status error whose body refuses the structured-output shape of the request. */
function refusesMode(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && rejectsStructuredOutput(status, errorText(error));
}
