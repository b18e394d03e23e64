import { type AdapterCall, ConfigurationError, type StreamPart } from "@modelpolicy/core";
import type { OpenAIAdapterResponse } from "./chat-completion-response.js";
import { clientEndpoint } from "./client-endpoint.js";
import { mapOpenAIError } from "./map-openai-error.js";
import type { OpenAIAdapterOptions, OpenAIModelAdapter } from "./openai-adapter.js";
import type { OpenAIClientLike, ResponsesClientLike } from "./openai-client-like.js";
import { OPENAI_MAX_EMBEDDING_INPUTS, openAIEmbedder } from "./openai-embedder.js";
import { responsesRequest } from "./responses-request.js";
import { responsesResponse } from "./responses-response.js";
import { responsesParts } from "./responses-stream.js";

/**
 * The adapter `openAIAdapter(client, { api: "responses" })` returns: the same contract over
 * OpenAI's Responses API (`client.responses.create`, openai 4.104 and later), each call with the
 * SDK's retries off and stateless (`store: false`). Messages become input items, the output
 * limit `max_output_tokens`, tools function tools (and the history's tool calls and results
 * `function_call` / `function_call_output` items), a schema `text.format` of type `json_schema`
 * (the one structured output mode this API has, so there is nothing to negotiate); answers,
 * `function_call` items as tool calls, usage (`input_tokens`, `output_tokens`, cached input)
 * and endings (`incomplete` at `max_output_tokens` or `content_filter`, refusals, `failed`) map
 * to what the chat adapter reports, and attempts say `api: "responses"` (`openai.api.type` on
 * their spans). Embeddings are the same as the chat adapter's: the Responses API has none of
 * its own.
 */
export function openAIResponsesAdapter(
  client: OpenAIClientLike,
  options: OpenAIAdapterOptions = {},
): OpenAIModelAdapter {
  const responses: ResponsesClientLike | undefined = client.responses;
  if (responses === undefined) {
    throw new ConfigurationError(
      'openAIAdapter(client, { api: "responses" }) needs a client with client.responses (openai 4.104 or later)',
    );
  }
  const api: ResponsesClientLike = responses;

  async function* stream(call: AdapterCall): AsyncGenerator<StreamPart> {
    const request = { ...responsesRequest(call), stream: true as const };
    let events: unknown;
    try {
      events = await api.create(request, { signal: call.signal, maxRetries: 0 });
    } catch (error) {
      throw mapOpenAIError(error, call.model, call.signal);
    }
    yield* responsesParts(events as AsyncIterable<unknown>, request, call.signal);
  }

  return {
    specificationVersion: "v2",
    provider: options.provider ?? "openai",
    endpoint: clientEndpoint(client.baseURL),
    api: "responses",
    accepts: { tools: true },
    embed: client.embeddings === undefined ? undefined : openAIEmbedder(client.embeddings),
    maxEmbeddingBatchItems: OPENAI_MAX_EMBEDDING_INPUTS,
    structuredOutputMode: () => "json_schema",
    stream,
    async generate(call: AdapterCall): Promise<OpenAIAdapterResponse> {
      const request = responsesRequest(call);
      let raw: unknown;
      try {
        raw = await api.create(request, { signal: call.signal, maxRetries: 0 });
      } catch (error) {
        throw mapOpenAIError(error, call.model, call.signal);
      }
      return responsesResponse(raw, request);
    },
  };
}
