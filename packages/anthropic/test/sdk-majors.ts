import Anthropic from "@anthropic-ai/sdk";
import AnthropicV0 from "anthropic-sdk-v0";
import type { AnthropicClientLike } from "../src/anthropic-client-like.js";

/** What the suites vary when they build a client: the same options exist on both majors. */
export interface SdkClientOptions {
  apiKey: string;
  baseURL: string;
  maxRetries?: number;
  timeout?: number;
}

/** Builds one major's real `Anthropic` client. */
export type MakeClient = (options: SdkClientOptions) => AnthropicClientLike;

/**
 * Every supported major of `@anthropic-ai/sdk`, as installed under the dev aliases, for
 * `describe.each`. Each factory returns the SDK's own class instance as `AnthropicClientLike`
 * without a cast, so this file failing to type-check is the test that `anthropicAdapter` accepts
 * both majors' clients. 0.x sends `anthropic-version: 2023-06-01`, 1.x `2026-10-21`.
 */
export const SDK_MAJORS: readonly (readonly [name: string, makeClient: MakeClient, apiVersion: string])[] = [
  ["@anthropic-ai/sdk 0.x (anthropic-sdk-v0)", (options) => new AnthropicV0(options), "2023-06-01"],
  ["@anthropic-ai/sdk 1.x (@anthropic-ai/sdk)", (options) => new Anthropic(options), "2026-10-21"],
];

/** A streaming request: what both majors' `messages.stream()` and `create({ stream: true })` take. */
export interface StreamRequest {
  model: string;
  max_tokens: number;
  messages: { role: "user" | "assistant"; content: string }[];
}

/** The SDK's own streaming calls on one major's client, typed per major so no union of overloads is called. */
export interface StreamingCalls {
  /** `messages.stream(body).finalMessage()`: the SDK accumulates the events into a message. */
  finalMessage(body: StreamRequest): Promise<unknown>;
  /** `messages.create({ ...body, stream: true })`: the raw events, in order. */
  rawEvents(body: StreamRequest): Promise<AsyncIterable<{ type: string }>>;
}

/** Both majors' streaming calls, for tests of the fake server's streaming side with the real SDKs. */
export const STREAMING_SDK_MAJORS: readonly (readonly [
  name: string,
  make: (options: SdkClientOptions) => StreamingCalls,
])[] = [
  [
    "@anthropic-ai/sdk 0.x (anthropic-sdk-v0)",
    (options) => {
      const client = new AnthropicV0(options);
      return {
        finalMessage: (body) => client.messages.stream(body).finalMessage(),
        rawEvents: (body) => client.messages.create({ ...body, stream: true }),
      };
    },
  ],
  [
    "@anthropic-ai/sdk 1.x (@anthropic-ai/sdk)",
    (options) => {
      const client = new Anthropic(options);
      return {
        finalMessage: (body) => client.messages.stream(body).finalMessage(),
        rawEvents: (body) => client.messages.create({ ...body, stream: true }),
      };
    },
  ],
];
