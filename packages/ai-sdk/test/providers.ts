import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAI as createOpenAIV2 } from "ai-sdk-openai-v2";
import { createOpenAI as createOpenAIV3 } from "ai-sdk-openai-v3";
import type { AiSdkProviderLike } from "../src/ai-sdk-provider-like.js";

/** What the suites vary when they build a provider: the same settings exist on every major. */
export interface ProviderSettings {
  baseURL: string;
  apiKey: string;
}

/** Builds one major's real provider, as `AiSdkProviderLike`. */
export type MakeProvider = (settings: ProviderSettings) => AiSdkProviderLike;

/**
 * Every supported major of `@ai-sdk/openai`, as installed under the dev aliases, with the spec
 * version its models implement, for `describe.each`. Each factory returns the provider's Chat
 * Completions models (the fake OpenAI server speaks only that API) through a
 * `{ languageModel }` object, and the whole provider as well, without a cast: this file failing
 * to type-check is the test that `aiSdkAdapter` accepts providers of spec v2, v3 and v4.
 */
export const OPENAI_MAJORS: readonly (readonly [name: string, makeChat: MakeProvider, specification: string])[] = [
  [
    "@ai-sdk/openai 2.x (spec v2)",
    (settings) => {
      const openai = createOpenAIV2(settings);
      return { languageModel: (modelId) => openai.chat(modelId) };
    },
    "v2",
  ],
  [
    "@ai-sdk/openai 3.x (spec v3)",
    (settings) => {
      const openai = createOpenAIV3(settings);
      return { languageModel: (modelId) => openai.chat(modelId) };
    },
    "v3",
  ],
  [
    "@ai-sdk/openai 4.x (spec v4)",
    (settings) => {
      const openai = createOpenAI(settings);
      return { languageModel: (modelId) => openai.chat(modelId) };
    },
    "v4",
  ],
];

/** Whole providers of every major, passed as they are, for the default provider name. */
export const WHOLE_PROVIDERS: readonly (readonly [name: string, make: MakeProvider, providerName: string])[] = [
  ["createOpenAI 2.x", (settings) => createOpenAIV2(settings), "openai"],
  ["createOpenAI 3.x", (settings) => createOpenAIV3(settings), "openai"],
  ["createOpenAI 4.x", (settings) => createOpenAI(settings), "openai"],
  ["createAnthropic 4.x", (settings) => createAnthropic(settings), "anthropic"],
];
