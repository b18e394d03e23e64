import type { AiSdkToolCallShape } from "./adapter-tool-call.js";
import type {
  AiSdkDataContent,
  AiSdkFileData,
  AiSdkFunctionTool,
  AiSdkMessage,
  AiSdkToolChoice,
} from "./ai-sdk-message.js";

/**
 * The parts of an AI SDK provider the adapter uses: `languageModel(modelId)`. `createOpenAI()`,
 * `createAnthropic()`, `createGoogleGenerativeAI()`, `createAmazonBedrock()`, a
 * `customProvider()`, or any object with that method (say `{ languageModel: (id) => openai.chat(id) }`
 * to pick the Chat Completions API) fits, whatever LanguageModel spec version its models
 * implement. Typed structurally, so a provider built on `@ai-sdk/provider` 2, 3 or 4 is accepted
 * without a cast and this package needs no runtime dependency on any of them.
 */
export interface AiSdkProviderLike {
  languageModel(modelId: string): AiSdkLanguageModelLike;
}

/** What every spec version's language model has: its ids, read for the provider name and the served model. */
interface AiSdkLanguageModelIds {
  /** The AI SDK's provider id, e.g. `openai.chat`, `anthropic.messages`, `google.generative-ai`. */
  readonly provider: string;
  readonly modelId: string;
}

/**
 * A spec v2 or v3 language model (`LanguageModelV2`, `LanguageModelV3`: AI SDK 5 and 6
 * providers), whose file parts take untagged data ({@link AiSdkDataContent}). `doGenerate` is
 * called directly, not through the `ai` package's `generateText`, so the router keeps retries,
 * fallback and spans: `generateText` would add its own retries and telemetry.
 */
export interface AiSdkLanguageModelV2Like extends AiSdkLanguageModelIds {
  readonly specificationVersion: "v2" | "v3";
  doGenerate(options: AiSdkCallOptions<AiSdkDataContent>): PromiseLike<AiSdkGenerateResult>;
  /**
   * The streaming call, read by the adapter's `stream`. Optional in this type only so a
   * hand-written model with `doGenerate` alone still fits; every spec v2, v3 and v4 model has it.
   */
  doStream?(options: AiSdkCallOptions<AiSdkDataContent>): PromiseLike<AiSdkStreamResult>;
}

/**
 * A spec v4 language model (`LanguageModelV4`: AI SDK 7 providers), whose file parts take tagged
 * data ({@link AiSdkFileData}); otherwise called as {@link AiSdkLanguageModelV2Like} is.
 */
export interface AiSdkLanguageModelV4Like extends AiSdkLanguageModelIds {
  readonly specificationVersion: "v4";
  doGenerate(options: AiSdkCallOptions<AiSdkFileData>): PromiseLike<AiSdkGenerateResult>;
  /** The streaming call; see {@link AiSdkLanguageModelV2Like.doStream}. */
  doStream?(options: AiSdkCallOptions<AiSdkFileData>): PromiseLike<AiSdkStreamResult>;
}

/**
 * The parts of an AI SDK language model (`LanguageModelV2`, `V3` or `V4`) the adapter uses, told
 * apart by `specificationVersion`: the prompt's file parts differ between v2/v3 and v4, so the
 * adapter builds the call options for the version the model declares. A model of another version
 * (spec v1, of AI SDK 4) does not type-check, and is refused at run time as well.
 */
export type AiSdkLanguageModelLike = AiSdkLanguageModelV2Like | AiSdkLanguageModelV4Like;

/**
 * A stream part of spec v2, v3 or v4, typed by its tag alone: every spec's part union is
 * assignable to it, and the adapter reads the members it needs (`delta`, or spec v1's
 * `textDelta`, on `text-delta`; `usage` and `finishReason` on `finish`; `error` on `error`;
 * `id` and `modelId` on `response-metadata`) defensively, because their shapes differ by spec.
 */
export interface AiSdkStreamPart {
  readonly type: string;
}

/** The parts of a `doStream` result the adapter reads: the stream of parts. */
export interface AiSdkStreamResult {
  stream: ReadableStream<AiSdkStreamPart>;
}

/**
 * A JSON value as the AI SDK's provider options hold it. No `undefined` members, so an object of
 * this type is assignable to the `JSONObject` of every spec version.
 */
export type AiSdkJsonValue = null | string | number | boolean | AiSdkJsonObject | AiSdkJsonValue[];

/** A JSON object; see {@link AiSdkJsonValue}. */
export interface AiSdkJsonObject {
  [key: string]: AiSdkJsonValue;
}

/**
 * A JSON Schema as the adapter passes it on. The spec types say `JSONSchema7` (from
 * `@types/json-schema`); every member of that interface is optional, so this empty-bodied object
 * type is assignable to it while the router's `Record<string, unknown>` schema is assignable here.
 */
export type AiSdkJsonSchema = object;

/**
 * The call options the adapter sends: the subset of `LanguageModelV2CallOptions`,
 * `LanguageModelV3CallOptions` and `LanguageModelV4CallOptions` that means the same in all three,
 * but for the file data of the prompt's file parts, `Data` (see {@link AiSdkFilePart}).
 */
export interface AiSdkCallOptions<Data = AiSdkDataContent | AiSdkFileData> {
  prompt: AiSdkMessage<Data>[];
  maxOutputTokens?: number;
  temperature?: number;
  responseFormat?: { type: "text" } | { type: "json"; schema?: AiSdkJsonSchema; name?: string; description?: string };
  tools?: AiSdkFunctionTool[];
  toolChoice?: AiSdkToolChoice;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  providerOptions?: Record<string, AiSdkJsonObject>;
}

/** Spec v3 and v4 usage: input and output split into their billed kinds. */
export interface AiSdkNestedUsage {
  inputTokens: {
    total?: number | undefined;
    noCache?: number | undefined;
    cacheRead?: number | undefined;
    cacheWrite?: number | undefined;
  };
  outputTokens: { total?: number | undefined; text?: number | undefined; reasoning?: number | undefined };
}

/** Spec v2 usage: flat counts. */
export interface AiSdkFlatUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  totalTokens?: number | undefined;
  reasoningTokens?: number | undefined;
  cachedInputTokens?: number | undefined;
}

/** A finish reason: a string in spec v2, `{ unified, raw }` in v3 and v4. */
export type AiSdkFinishReason = string | { unified: string; raw?: string | undefined };

/**
 * The parts of a `doGenerate` result the adapter reads, in a shape every spec version's result
 * is assignable to. Text parts are read for their `text` and tool calls for their id, tool name
 * and `input` (see `adapterToolCall`); other parts (reasoning, files, sources, provider tool
 * results) only for their `type`.
 */
export interface AiSdkGenerateResult {
  content: readonly ({ type: string; text?: unknown } & AiSdkToolCallShape)[];
  /** Spec v4: the text to parse as structured output when it differs from the joined text parts. */
  structuredOutputText?: string | undefined;
  finishReason: AiSdkFinishReason;
  usage: AiSdkNestedUsage | AiSdkFlatUsage;
  response?: { id?: string | undefined; modelId?: string | undefined } | undefined;
}
