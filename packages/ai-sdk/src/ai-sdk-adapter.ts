import {
  type AdapterCall,
  type AdapterResponse,
  ConfigurationError,
  type InputTokenEstimate,
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
  /**
   * How the router's input budget counts for this provider's models (see the core's
   * {@link InputTokenEstimate}). Default: none (exact o200k_base counts) for OpenAI and Azure
   * OpenAI models, whose tokenizer o200k_base is; for every other provider (Anthropic, Gemini,
   * Bedrock, Mistral, …) {@link DEFAULT_INPUT_TOKEN_ESTIMATE}. Pass your own for a provider whose
   * tokenizer you know better, or a `maxTokensPerImage` for one that charges more per image than
   * OpenAI's bound.
   */
  inputTokenEstimate?: InputTokenEstimate;
}

/**
 * The input-token estimate of providers whose tokenizer is not o200k_base: an o200k_base count
 * times 1.6. The factor is `CLAUDE_INPUT_TOKEN_SAFETY_FACTOR` of `@modelpolicy/anthropic`, whose
 * doc gives the reasoning for Claude's tokenizer; it is not imported, since adapters do not
 * import each other. For Gemini's, Bedrock's other models' and the open models' tokenizers the
 * same factor is a margin rather than a measurement: it errs high, not low, and the byte bound
 * still caps the estimate.
 */
export const DEFAULT_INPUT_TOKEN_ESTIMATE: InputTokenEstimate = Object.freeze({ safetyFactor: 1.6 });

/** The GenAI provider names whose models o200k_base counts exactly. */
const O200K_PROVIDER_NAMES = new Set(["openai", "azure.ai.openai"]);

/** The adapter {@link aiSdkAdapter} returns: a core {@link ModelAdapter} (contract `v2`) whose `stream` is always there. */
export interface AiSdkModelAdapter extends ModelAdapter {
  stream(call: AdapterCall): AsyncIterable<StreamPart>;
}

/** One call's requests to its model, with the options already built; `stream` is undefined without `doStream`. */
interface PreparedCall {
  generate(): PromiseLike<AiSdkGenerateResult>;
  stream(): PromiseLike<AiSdkStreamResult> | undefined;
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
 * It declares `accepts: { tools: true, images: true, files: true }`: tool definitions, the tool
 * choice, tool calls and results in the history, and image and file parts go to the provider as
 * the model's spec version has them (see `aiSdkCallOptions`), and a result's tool calls come back
 * as the response's `toolCalls`. Whether a given model can take them is the provider's to say
 * (an `UnsupportedFunctionalityError` or a 400 is `bad_request`).
 *
 * Without `options.provider` the name comes from the provider id of a model created for a
 * placeholder id (AI SDK model factories are constructors that send nothing); a provider that
 * refuses unknown ids (a `customProvider` without a fallback) needs `options.provider`, and so
 * does one whose models come from several vendors. The same id decides the default
 * `inputTokenEstimate` (none for OpenAI and Azure OpenAI, {@link DEFAULT_INPUT_TOKEN_ESTIMATE}
 * otherwise).
 *
 * `stream` is one `doStream` with the same options (see `aiSdkStreamParts`), for the same reason
 * not the `ai` package's `streamText`. The router stopping early aborts the call's signal, which
 * is the `abortSignal` the provider's fetch runs under, and cancels the part stream's reader.
 */
export function aiSdkAdapter(provider: AiSdkProviderLike, options: AiSdkAdapterOptions = {}): AiSdkModelAdapter {
  const models = new Map<string, AiSdkLanguageModelLike>();
  // One probe model serves both defaults; none is created when the options give both.
  let probed: ProbedProviderId | undefined;
  const probe = () => (probed ??= probeProviderId(provider));
  const name = options.provider ?? defaultProviderName(probe());
  const settings = { provider: name, headers: options.headers, providerOptions: options.providerOptions };

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

  /**
   * The model's calls with this call's options, built for the model's spec version. Built before
   * any request: a history no provider could take throws a `RequestShapeError` here.
   */
  function prepare(model: AiSdkLanguageModelLike, call: AdapterCall): PreparedCall {
    if (model.specificationVersion === "v4") {
      const options = aiSdkCallOptions(call, model.provider, settings, "v4");
      return { generate: () => model.doGenerate(options), stream: () => model.doStream?.(options) };
    }
    const options = aiSdkCallOptions(call, model.provider, settings, model.specificationVersion);
    return { generate: () => model.doGenerate(options), stream: () => model.doStream?.(options) };
  }

  async function generate(call: AdapterCall): Promise<AdapterResponse> {
    let model: AiSdkLanguageModelLike;
    let result: AiSdkGenerateResult;
    try {
      model = supportedModel(call);
    } catch (error) {
      throw mapAiSdkError(error, call.model, call.signal);
    }
    const prepared = prepare(model, call);
    try {
      result = await prepared.generate();
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
    } catch (error) {
      throw mapAiSdkError(error, call.model, call.signal);
    }
    const prepared = prepare(model, call);
    try {
      result = await prepared.stream();
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

  const adapter: AiSdkModelAdapter = {
    specificationVersion: "v2",
    provider: name,
    accepts: { tools: true, images: true, files: true },
    generate,
    stream,
  };
  const inputTokenEstimate = options.inputTokenEstimate ?? defaultInputTokenEstimate(probe(), name);
  return inputTokenEstimate === undefined ? adapter : { ...adapter, inputTokenEstimate };
}

/** The provider id of a model created for a placeholder id, or what creating it threw. */
type ProbedProviderId = { readonly id: unknown } | { readonly error: unknown };

/** Reads the provider id from a probe model; AI SDK model factories are constructors that send nothing. */
function probeProviderId(provider: AiSdkProviderLike): ProbedProviderId {
  try {
    return { id: provider.languageModel(PROBE_MODEL_ID).provider };
  } catch (error) {
    return { error };
  }
}

/**
 * None for OpenAI and Azure OpenAI models, {@link DEFAULT_INPUT_TOKEN_ESTIMATE} for any other.
 * The vendor is read from the probe model's provider id, or, for a provider that refuses the
 * probe id, from the adapter's name; neither known means the estimate, the side that errs high.
 */
function defaultInputTokenEstimate(probed: ProbedProviderId, name: string): InputTokenEstimate | undefined {
  const providerId = "id" in probed && typeof probed.id === "string" ? probed.id : name;
  return O200K_PROVIDER_NAMES.has(genAiProviderName(providerId)) ? undefined : DEFAULT_INPUT_TOKEN_ESTIMATE;
}

function defaultProviderName(probed: ProbedProviderId): string {
  if ("error" in probed) {
    throw new ConfigurationError(
      `aiSdkAdapter could not read the provider's name from a model (${String(probed.error)}): pass { provider } with the name the policy table uses`,
      { cause: probed.error },
    );
  }
  const name = typeof probed.id === "string" ? genAiProviderName(probed.id) : "";
  if (name === "") {
    throw new ConfigurationError(
      "aiSdkAdapter could not read the provider's name (its models have no provider id): pass { provider } with the name the policy table uses",
    );
  }
  return name;
}
