import { type AdapterCall, type ModelAdapter, ProviderError, type StreamPart } from "@modelpolicy/core";
import { chatCompletionRequest } from "./chat-completion-request.js";
import { chatCompletionResponse, type OpenAIAdapterResponse } from "./chat-completion-response.js";
import { openedChatCompletionParts } from "./chat-completion-stream.js";
import { rejectsStructuredOutput } from "./classify-request-error.js";
import { clientEndpoint } from "./client-endpoint.js";
import { errorText, mapOpenAIError } from "./map-openai-error.js";
import type { ChatCompletionRequest, OpenAIClientLike } from "./openai-client-like.js";
import { OPENAI_MAX_EMBEDDING_INPUTS, openAIEmbedder } from "./openai-embedder.js";
import { openAIResponsesAdapter } from "./openai-responses-adapter.js";
import { type OutputLimitParameter, serverProfile } from "./server-profile.js";
import { refusesStreamOptions, sendsStreamOptions } from "./stream-options.js";
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
  /**
   * Which OpenAI API the calls use: `chat_completions` (the default, any OpenAI-compatible
   * server) or `responses` (OpenAI's Responses API, `client.responses`, openai 4.104 and later;
   * see `openAIResponsesAdapter`). Attempts report it as `openai.api.type`.
   */
  api?: "chat_completions" | "responses";
  /**
   * Ask for a streamed answer's usage (`stream_options: { include_usage: true }`) on any server.
   * By default only api.openai.com and Azure OpenAI (2024-08-01-preview and later) are asked;
   * other servers' streams are estimated unless this is `true` (see `sendsStreamOptions`).
   */
  streamUsage?: boolean;
}

/**
 * The adapter {@link openAIAdapter} returns: a core {@link ModelAdapter} whose answers also say
 * which structured-output mode and usage source they came from, and which mode the next call
 * for a model would start with.
 */
export interface OpenAIModelAdapter extends ModelAdapter {
  generate(call: AdapterCall): Promise<OpenAIAdapterResponse>;
  stream(call: AdapterCall): AsyncIterable<StreamPart>;
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
 *
 * `stream` sends the same request with `stream: true` and, where usage is asked for (see
 * `streamUsage`), `stream_options: { include_usage: true }` (dropped for good, for this client,
 * the first time a server refuses the field), and reads the SDK's chunk stream. Stopping early — the router aborting the call's signal, or
 * calling the iterator's `return()` — ends the SDK's iteration, which aborts its request and
 * releases the socket, on every supported major.
 */
export function openAIAdapter(client: OpenAIClientLike, options: OpenAIAdapterOptions = {}): OpenAIModelAdapter {
  if (options.api === "responses") return openAIResponsesAdapter(client, options);
  const provider = options.provider ?? "openai";
  const { outputLimitParameter, emptyToolCallContent } = serverProfile(
    client.baseURL,
    client.apiVersion,
    options.maxTokensParameter,
  );
  const negotiator = new StructuredOutputNegotiator(client.baseURL, options.structuredOutput);
  let streamOptions = sendsStreamOptions(client.baseURL, client.apiVersion, options.streamUsage);

  async function send(call: AdapterCall, mode: StructuredOutputMode | undefined): Promise<OpenAIAdapterResponse> {
    const request = chatCompletionRequest(call, outputLimitParameter, mode, emptyToolCallContent);
    const completion = await client.chat.completions.create(request, { signal: call.signal, maxRetries: 0 });
    return chatCompletionResponse(completion, request, mode);
  }

  /** Opens a stream in one mode: the SDK resolves once the response's headers arrived. */
  async function open(call: AdapterCall, mode: StructuredOutputMode | undefined): Promise<Opened> {
    const request = chatCompletionRequest(call, outputLimitParameter, mode, emptyToolCallContent);
    for (;;) {
      const body: ChatCompletionRequest = { ...request, stream: true };
      if (streamOptions) body.stream_options = { include_usage: true };
      try {
        const chunks = await client.chat.completions.create(body, { signal: call.signal, maxRetries: 0 });
        if (!isAsyncIterable(chunks)) {
          throw new ProviderError({
            errorClass: "server_error",
            model: call.model,
            message: "provider answered a stream request without a stream",
          });
        }
        return { chunks, request, mode };
      } catch (error) {
        if (!(streamOptions && !call.signal.aborted && refusesStreamOptions(error))) throw error;
        streamOptions = false;
      }
    }
  }

  /** Opens a stream, moving on through the structured-output modes as `generate` does. */
  async function openStream(call: AdapterCall): Promise<Opened> {
    let opened: Opened | undefined;
    if (call.responseFormat === undefined) {
      opened = await open(call, undefined).catch((error: unknown) => {
        throw mapOpenAIError(error, call.model, call.signal);
      });
    } else {
      opened = await negotiator
        .negotiate(call.model, call.signal, (mode) => open(call, mode), refusesMode)
        .catch((error: unknown) => {
          throw mapOpenAIError(error, call.model, call.signal);
        });
    }
    return opened;
  }

  return {
    specificationVersion: "v2",
    provider,
    endpoint: clientEndpoint(client.baseURL),
    api: "chat_completions",
    accepts: { tools: true, images: true, files: true },
    embed: client.embeddings === undefined ? undefined : openAIEmbedder(client.embeddings),
    maxEmbeddingBatchItems: OPENAI_MAX_EMBEDDING_INPUTS,
    structuredOutputMode: (model) => negotiator.currentMode(model),
    stream: (call: AdapterCall) => openedChatCompletionParts(() => openStream(call), call.signal),
    async generate(call: AdapterCall): Promise<OpenAIAdapterResponse> {
      if (call.responseFormat === undefined) {
        try {
          return await send(call, undefined);
        } catch (error) {
          throw mapOpenAIError(error, call.model, call.signal);
        }
      }
      try {
        return await negotiator.negotiate(call.model, call.signal, (mode) => send(call, mode), refusesMode);
      } catch (error) {
        throw mapOpenAIError(error, call.model, call.signal);
      }
    },
  };
}

/** A stream the SDK opened, with the request and mode it was opened in. */
interface Opened {
  readonly chunks: AsyncIterable<unknown>;
  readonly request: ChatCompletionRequest;
  readonly mode: StructuredOutputMode | undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === "function";
}

/** An SDK status error whose body refuses the structured-output shape of the request. */
function refusesMode(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && rejectsStructuredOutput(status, errorText(error));
}
