import {
  type AdapterCall,
  type AdapterResponse,
  type ModelAdapter,
  ProviderError,
  type StreamPart,
} from "@modelpolicy/core";
import type { AnthropicClientLike } from "./anthropic-client-like.js";
import { clientEndpoint } from "./client-endpoint.js";
import { mapAnthropicError } from "./map-anthropic-error.js";
import { messageResponse } from "./message-response.js";
import { messageStreamParts } from "./message-stream-parts.js";
import { messagesRequestBody } from "./messages-request-body.js";

/**
 * The factor the budget check applies to an o200k_base count for Claude. Claude's tokenizer is
 * not public; for English prose it yields roughly 1.1–1.25× the tokens o200k_base does, and
 * Anthropic's notes for Claude Opus 4.7 say its new tokenizer yields 1.0–1.35× the tokens of the
 * one before it, depending on the content. 1.6 covers both with a margin, so a budget errs on
 * the safe side (the byte bounds still decide first). The span reports it as `estimate`.
 */
export const CLAUDE_INPUT_TOKEN_SAFETY_FACTOR = 1.6;

/**
 * The most tokens one image costs on Claude without a policy bound: Anthropic counts
 * width × height / 750 and scales an image down to about 1.15 megapixels, which is ≈ 1,600
 * tokens. Models that take larger images (Claude Opus 4.7's high resolution) can cost more: a
 * policy that sends them sets `max_tokens_per_image`.
 */
export const CLAUDE_MAX_TOKENS_PER_IMAGE = 1_600;

/** How the adapter talks to the client. */
export interface AnthropicAdapterOptions {
  /** The provider name tiers use in the policy table. Default `anthropic`. */
  provider?: string;
  /**
   * Send a policy's `temperature`. Default `true`. API version 2026-10-21, which
   * `@anthropic-ai/sdk` 1.x sends, refuses every sampling parameter with a 400 (even
   * `temperature: 1`), and under 2023-06-01 models newer than Claude Opus 4.6 accept only 1.0;
   * set `false` to let policies shared with other providers keep their temperature while Claude
   * tiers ignore it.
   */
  sendTemperature?: boolean;
  /**
   * What the router's input budget multiplies an o200k_base count by for Claude models, whose
   * tokenizer is not public. Default {@link CLAUDE_INPUT_TOKEN_SAFETY_FACTOR}; raise it for
   * content that tokenizes worse (code, non-Latin scripts) if budgets must never be passed.
   */
  inputTokenSafetyFactor?: number;
}

/**
 * The adapter {@link anthropicAdapter} returns: a core {@link ModelAdapter} (contract `v2`) whose
 * `stream` is always there.
 */
export interface AnthropicModelAdapter extends ModelAdapter {
  stream(call: AdapterCall): AsyncIterable<StreamPart>;
}

/**
 * A {@link ModelAdapter} over an `Anthropic` client the host already has (`@anthropic-ai/sdk`
 * 0.60+ or 1.x): its API key, base URL, proxy, and any instrumentation stay as they are. Each
 * routed call is one Messages API request with the SDK's own retries off (`maxRetries: 0`),
 * because the router owns retries and fallback: both retrying would multiply the attempts a
 * policy allows.
 *
 * It declares `accepts: { tools: true, images: true, files: true }`: tool definitions and
 * choice, tool calls and results in the history, and image and document parts go out as the
 * Messages API's own blocks (see `messagesRequestBody`). A part of a kind Anthropic does not take
 * (a BMP image, a spreadsheet) is refused with a `RequestShapeError` before the client is called.
 *
 * `stream` sends the same body with `stream: true` and reads the SDK's raw event stream (see
 * `messageStreamParts`). Stopping early — the router aborting the call's signal, or calling the
 * iterator's `return()` — ends the SDK's iteration, which aborts its request and releases the
 * connection, on both majors.
 */
export function anthropicAdapter(
  client: AnthropicClientLike,
  options: AnthropicAdapterOptions = {},
): AnthropicModelAdapter {
  const provider = options.provider ?? "anthropic";
  const bodyOptions = { sendTemperature: options.sendTemperature ?? true, provider };

  async function* streamParts(call: AdapterCall): AsyncGenerator<StreamPart> {
    // Built outside the try: what Anthropic cannot take is a RequestShapeError, not a provider error.
    const body = messagesRequestBody(call, bodyOptions);
    let events: unknown;
    try {
      events = await client.messages.create({ ...body, stream: true }, { signal: call.signal, maxRetries: 0 });
    } catch (error) {
      throw mapAnthropicError(error, call.model, call.signal);
    }
    if (!isAsyncIterable(events)) {
      throw new ProviderError({
        errorClass: "server_error",
        model: call.model,
        message: "provider answered a stream request without a stream",
      });
    }
    yield* messageStreamParts(events, call);
  }

  return {
    specificationVersion: "v2",
    provider,
    endpoint: clientEndpoint(client.baseURL),
    accepts: { tools: true, images: true, files: true },
    inputTokenEstimate: {
      safetyFactor: options.inputTokenSafetyFactor ?? CLAUDE_INPUT_TOKEN_SAFETY_FACTOR,
      maxTokensPerImage: CLAUDE_MAX_TOKENS_PER_IMAGE,
    },
    stream: streamParts,
    async generate(call: AdapterCall): Promise<AdapterResponse> {
      const body = messagesRequestBody(call, bodyOptions);
      let message: unknown;
      try {
        message = await client.messages.create(body, { signal: call.signal, maxRetries: 0 });
      } catch (error) {
        throw mapAnthropicError(error, call.model, call.signal);
      }
      return messageResponse(message, call);
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === "function";
}
