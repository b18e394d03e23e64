import OpenAI from "openai";
import OpenAIv4 from "openai-v4";
import OpenAIv5 from "openai-v5";
import OpenAIv6 from "openai-v6";
import type { OpenAIClientLike } from "../src/openai-client-like.js";

/** What the suites vary when they build a client: the same options exist on every major. */
export interface SdkClientOptions {
  apiKey: string;
  baseURL: string;
  maxRetries?: number;
  timeout?: number;
}

/** Builds one major's real `OpenAI` client, typed as what the adapter accepts. */
export type MakeClient = (options: SdkClientOptions) => OpenAIClientLike;

/**
 * Every supported major of the `openai` SDK, as installed under the dev aliases, for
 * `describe.each`. Each factory returns the SDK's own class instance as `OpenAIClientLike`
 * without a cast, so this file failing to type-check is the test that `openAIAdapter` accepts
 * every major's client.
 */
export const SDK_MAJORS: readonly (readonly [name: string, makeClient: MakeClient])[] = [
  ["openai 4 (openai-v4)", (options) => new OpenAIv4(options)],
  ["openai 5 (openai-v5)", (options) => new OpenAIv5(options)],
  ["openai 6 (openai-v6)", (options) => new OpenAIv6(options)],
  ["openai 7 (openai)", (options) => new OpenAI(options)],
];
