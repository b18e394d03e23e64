import {
  type AdapterCall,
  type AdapterResponse,
  ConfigurationError,
  type ModelAdapter,
  ProviderError,
  type StreamPart,
} from "@modelpolicy/core";
import { adapterResponse } from "./adapter-response.js";
import { aiSdkCallOptions } from "./ai-sdk-call-options.js";
import type {
  AiSdkGenerateResult,
  AiSdkLanguageModelLike,
  AiSdkProviderLike,
  AiSdkStreamResult,
} from "./ai-sdk-provider-like.js";
import { aiSdkStreamParts } from "./ai-sdk-stream-parts.js";
import { genAiProviderName } from "./gen-ai-provider-name.js";
import { mapAiSdkError } from "./map-ai-sdk-error.js";

/** How the adapter names itself and what it adds to every call. */
export interface AiSdkAdapterOptions {
  /**
   * The provider name tiers use in the policy table, which the telemetry middleware also records
   * as `gen_ai.provider.name`. Default: the GenAI semconv name of the provider's models (see
   * {@link genAiProviderName}), e.g. `openai` for `createOpenAI()`, `anthropic` for
   * `createAnthropic()`, `gcp.gemini` for `createGoogleGenerativeAI()`, `aws.bedrock` for
   * `createAmazonBedrock()`.
   */
  provider?: string;
  /** HTTP headers sent with every call, on top of the provider's own (`doGenerate`'s `headers`). */
  headers?: Record<string, string>;
  /**
   * The AI SDK's `providerOptions` for every call, keyed by provider (`{ anthropic: {
   * structuredOutputMode: "jsonTool" } }`, `{ openai: { serviceTier: "flex" } }`), passed as they
   * are: each provider validates its own entry.
   */
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** The adapter {@link aiSdkAdapter} returns: a core {@link ModelAdapter} (contract `v2`) whose `stream` is always there. */
export interface AiSdkModelAdapter extends ModelAdapter {
  stream(call: AdapterCall): AsyncIterable<StreamPart>;
}

/** The spec versions whose `doGenerate` takes and returns what the adapter sends and reads. */
const SUPPORTED_SPECIFICATIONS = new Set(["v2", "v3", "v4"]);

/** Placeholder model id the default provider name is read from; creating a model sends nothing. */
const PROBE_MODEL_ID = "modelpolicy-provider-probe";

/**
 * A {@link ModelAdapter} over any AI SDK provider (`@ai-sdk/openai`, `@ai-sdk/anthropic`,
 * `@ai-sdk/google`, `@ai-sdk/amazon-bedrock`, …) whose language models implement spec v2, v3 or
 * v4. Each routed call is one `doGenerate` on `provider.languageModel(call.model)` (models are
 * created once per id and reused). Calling `doGenerate` rather than the `ai` package's
 * `generateText` is deliberate: `generateText` retries on its own (`maxRetries`, 2 by default)
 * and emits its own telemetry spans, while the router owns retries, fallback and the routed-call
 * span. So one adapter call is one HTTP request, whatever the provider.
 *
 * Without `options.provider` the name comes from the provider id of a model created for a
 * placeholder id (AI SDK model factories are constructors that send nothing); a provider that
 * refuses unknown ids (a `customProvider` without a fallback) needs `options.provider`, and so
 * does one whose models come from several vendors.
 *
 * `stream` is one `doStream` with the same options (see `aiSdkStreamParts`), for the same reason
 * not the `ai` package's `streamText`. The router stopping early aborts the call's signal, which
 * is the `abortSignal` the provider's fetch runs under, and cancels the part stream's reader.
 */
export function aiSdkAdapter(provider: AiSdkProviderLike, options: AiSdkAdapterOptions = {}): AiSdkModelAdapter {
  const models = new Map<string, AiSdkLanguageModelLike>();
  const settings = { headers: options.headers, providerOptions: options.providerOptions };

  function modelFor(modelId: string): AiSdkLanguageModelLike {
    let model = models.get(modelId);
    if (model === undefined) {
      model = provider.languageModel(modelId);
      models.set(modelId, model);
    }
    return model;
  }

  /** The model for a call, refused as `bad_request` when its spec version is one the adapter does not read. */
  function supportedModel(call: AdapterCall): AiSdkLanguageModelLike {
    const model = modelFor(call.model);
    if (!SUPPORTED_SPECIFICATIONS.has(model.specificationVersion)) {
      throw new ProviderError({
        errorClass: "bad_request",
        model: call.model,
        message: `${model.provider} model ${call.model} implements LanguageModel spec ${String(model.specificationVersion)}; aiSdkAdapter supports v2, v3 and v4 (AI SDK 5 and later providers)`,
      });
    }
    return model;
  }

  async function generate(call: AdapterCall): Promise<AdapterResponse> {
    let model: AiSdkLanguageModelLike;
    let result: AiSdkGenerateResult;
    try {
      model = supportedModel(call);
      result = await model.doGenerate(aiSdkCallOptions(call, model.provider, settings));
    } catch (error) {
      throw mapAiSdkError(error, call.model, call.signal);
    }
    return adapterResponse(result, call, model.modelId);
  }

  async function* stream(call: AdapterCall): AsyncGenerator<StreamPart> {
    let model: AiSdkLanguageModelLike;
    let result: AiSdkStreamResult | undefined;
    try {
      model = supportedModel(call);
      if (model.doStream !== undefined) {
        result = await model.doStream(aiSdkCallOptions(call, model.provider, settings));
      }
    } catch (error) {
      throw mapAiSdkError(error, call.model, call.signal);
    }
    if (result === undefined) {
      // A hand-written model without doStream: the whole answer as one delta.
      const { text, ...rest } = await generate(call);
      if (text !== "") yield { type: "text-delta", text };
      yield { type: "finish", ...rest };
      return;
    }
    yield* aiSdkStreamParts(result.stream, call, model.modelId);
  }

  return {
    specificationVersion: "v2",
    provider: options.provider ?? defaultProviderName(provider),
    generate,
    stream,
  };
}

function defaultProviderName(provider: AiSdkProviderLike): string {
  let providerId: unknown;
  try {
    providerId = provider.languageModel(PROBE_MODEL_ID).provider;
  } catch (error) {
    throw new ConfigurationError(
      `aiSdkAdapter could not read the provider's name from a model (${String(error)}): pass { provider } with the name the policy table uses`,
      { cause: error },
    );
  }
  const name = typeof providerId === "string" ? genAiProviderName(providerId) : "";
  if (name === "") {
    throw new ConfigurationError(
      "aiSdkAdapter could not read the provider's name (its models have no provider id): pass { provider } with the name the policy table uses",
    );
  }
  return name;
}
