import {
  type AdapterCall,
  type AdapterResponse,
  type ModelAdapter,
  ProviderError,
  type ResponseFormat,
  type TokenUsage,
} from "@modelpolicy/core";
import { mapFinishReason } from "./map-finish-reason.js";
import { mapOpenAIError } from "./map-openai-error.js";
import type { ChatCompletionRequest, OpenAIClientLike } from "./openai-client-like.js";

/** How the adapter talks to the client. */
export interface OpenAIAdapterOptions {
  /** The provider name tiers use in the policy table. Default `openai`. */
  provider?: string;
  /**
   * Which request field carries the output limit. OpenAI's current API wants
   * `max_completion_tokens` (reasoning models refuse `max_tokens`); many OpenAI-compatible
   * servers (older vLLM, Ollama) only read `max_tokens`. Default: `max_completion_tokens` for
   * api.openai.com, `max_tokens` for any other base URL.
   */
  maxTokensParameter?: "max_completion_tokens" | "max_tokens";
}

/**
 * A {@link ModelAdapter} over an `OpenAI` client the host already has (openai 4.104+, 5, 6 or 7):
 * its API key, base URL, proxy, and any instrumentation stay as they are. Each routed call runs
 * with the SDK's own retries off (`maxRetries: 0`), because the router owns retries and fallback:
 * both retrying would multiply the attempts a policy allows.
 */
export function openAIAdapter(client: OpenAIClientLike, options: OpenAIAdapterOptions = {}): ModelAdapter {
  const provider = options.provider ?? "openai";
  const maxTokensParameter =
    options.maxTokensParameter ?? (client.baseURL.includes("api.openai.com") ? "max_completion_tokens" : "max_tokens");

  return {
    specificationVersion: "v1",
    provider,
    async generate(call: AdapterCall): Promise<AdapterResponse> {
      let completion: unknown;
      try {
        completion = await client.chat.completions.create(requestBody(call, maxTokensParameter), {
          signal: call.signal,
          maxRetries: 0,
        });
      } catch (error) {
        throw mapOpenAIError(error, call.model, call.signal);
      }
      return toResponse(completion, call.model);
    },
  };
}

/**
 * The chat-completions body of a call. Built by assignment: a computed key (the token limit's
 * parameter name) in an object literal costs a slow runtime define on Node 20's V8, per call.
 */
function requestBody(
  call: AdapterCall,
  maxTokensParameter: "max_tokens" | "max_completion_tokens",
): ChatCompletionRequest {
  const body: ChatCompletionRequest = {
    model: call.model,
    messages: call.messages.map((message) => ({ role: message.role, content: message.content })),
  };
  body[maxTokensParameter] = call.maxOutputTokens;
  if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.responseFormat) {
    body.response_format = {
      type: "json_schema",
      json_schema: {
        name: schemaName(call.responseFormat),
        schema: call.responseFormat.schema,
        // Non-strict unless asked: strict mode refuses schemas with optional properties.
        strict: call.responseFormat.strict ?? false,
      },
    };
  }
  return body;
}

/** The fields of a `chat.completion` the adapter reads; every SDK major returns this shape. */
interface ChatCompletionShape {
  id?: string;
  model?: string;
  choices?: {
    finish_reason?: string | null;
    message?: { content?: string | null; refusal?: string | null };
  }[];
  usage?: {
    prompt_tokens?: unknown;
    completion_tokens?: unknown;
    prompt_tokens_details?: { cached_tokens?: unknown } | null;
  } | null;
}

function toResponse(completion: unknown, model: string): AdapterResponse {
  const body = completion as ChatCompletionShape | string | null;
  const choice = typeof body === "object" && body !== null ? body.choices?.[0] : undefined;
  if (!choice || typeof body !== "object" || body === null) {
    throw new ProviderError({
      errorClass: "server_error",
      model,
      message: "provider answered 200 without a chat completion (not JSON, or no choices)",
    });
  }
  const cached = body.usage?.prompt_tokens_details?.cached_tokens;
  const usage: TokenUsage = {
    inputTokens: tokenCount(body.usage?.prompt_tokens),
    outputTokens: tokenCount(body.usage?.completion_tokens),
    ...(cached !== undefined ? { cachedInputTokens: tokenCount(cached) } : {}),
  };
  const finishReason = mapFinishReason(choice.finish_reason);
  const servedModel = body.model || model;
  if (finishReason === "length") {
    throw new ProviderError({
      errorClass: "output_limit",
      model,
      usage,
      message: `${servedModel} stopped at the output limit`,
    });
  }
  if (finishReason === "content_filter" || choice.message?.refusal) {
    throw new ProviderError({
      errorClass: "content_filter",
      model,
      usage,
      retryable: false,
      message: `${servedModel} filtered or refused the answer`,
    });
  }
  return {
    text: choice.message?.content ?? "",
    usage,
    finishReason,
    servedModel,
    ...(body.id ? { responseId: body.id } : {}),
  };
}

/**
 * A usage count as the router can sum and price it: OpenAI-compatible servers have been seen to
 * send strings or nulls here, which would concatenate instead of add and reach spans as text.
 */
function tokenCount(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** Sanitised schema names, one per response format (the router reuses its format objects). */
const schemaNames = new WeakMap<ResponseFormat, string>();

/** OpenAI accepts schema names of letters, digits, `_` and `-`, at most 64 characters. */
function schemaName(format: ResponseFormat): string {
  let name = schemaNames.get(format);
  if (name === undefined) {
    name = format.name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "output";
    schemaNames.set(format, name);
  }
  return name;
}
