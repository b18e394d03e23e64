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

/**
 * The parts of an AI SDK language model (`LanguageModelV2`, `V3` or `V4`) the adapter uses.
 * `doGenerate` is called directly, not through the `ai` package's `generateText`, so the router
 * keeps retries, fallback and spans: `generateText` would add its own retries and telemetry.
 */
export interface AiSdkLanguageModelLike {
  /** `v2`, `v3` or `v4`; the adapter reads result shapes by what they hold, so it is informative. */
  readonly specificationVersion: string;
  /** The AI SDK's provider id, e.g. `openai.chat`, `anthropic.messages`, `google.generative-ai`. */
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: AiSdkCallOptions): PromiseLike<AiSdkGenerateResult>;
  /**
   * The streaming call, read by the adapter's `stream`. Optional in this type only so a
   * hand-written model with `doGenerate` alone still fits; every spec v2, v3 and v4 model has it.
   */
  doStream?(options: AiSdkCallOptions): PromiseLike<AiSdkStreamResult>;
}

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

/** A text part of a user or assistant message, the same in spec v2, v3 and v4. */
export interface AiSdkTextPart {
  type: "text";
  text: string;
}

/** One prompt message with text only: the subset of every spec version's message union the core sends. */
export type AiSdkMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: AiSdkTextPart[] }
  | { role: "assistant"; content: AiSdkTextPart[] };

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
 * `LanguageModelV3CallOptions` and `LanguageModelV4CallOptions` that means the same in all three.
 */
export interface AiSdkCallOptions {
  prompt: AiSdkMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  responseFormat?: { type: "text" } | { type: "json"; schema?: AiSdkJsonSchema; name?: string; description?: string };
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
 * is assignable to. Content parts other than text (reasoning, tool calls, files, sources) are
 * read only for their `type`.
 */
export interface AiSdkGenerateResult {
  content: readonly { type: string; text?: unknown }[];
  /** Spec v4: the text to parse as structured output when it differs from the joined text parts. */
  structuredOutputText?: string | undefined;
  finishReason: AiSdkFinishReason;
  usage: AiSdkNestedUsage | AiSdkFlatUsage;
  response?: { id?: string | undefined; modelId?: string | undefined } | undefined;
}
