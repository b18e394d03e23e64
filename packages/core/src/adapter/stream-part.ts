import type { AdapterResponse } from "./model-adapter.js";

/**
 * Facts about the answer that a provider sends before its text (OpenAI's first chunk names the
 * response id and the served model). Optional: an adapter may put them on `finish` instead. The
 * first part of any kind marks the attempt's time to first chunk.
 */
export interface ResponseMetadataPart {
  readonly type: "response-metadata";
  readonly servedModel?: string;
  readonly responseId?: string;
  readonly systemFingerprint?: string;
  readonly serviceTier?: string;
}

/** A piece of the answer's text, in order; empty deltas may be sent and are not passed on. */
export interface TextDeltaPart {
  readonly type: "text-delta";
  readonly text: string;
}

/**
 * The end of a successful stream: everything `generate` answers except the text, which the
 * deltas carried. `usage` is required as in `generate`: an adapter whose provider sent none
 * estimates it and says so with `usageSource: "estimated"`.
 */
export interface FinishPart extends Omit<AdapterResponse, "text"> {
  readonly type: "finish";
}

/**
 * One part of a streamed answer, as `ModelAdapter.stream` yields them: optionally a
 * `response-metadata` part, text deltas, then exactly one `finish`. A small tagged union, like
 * the AI SDK's stream parts, so the router switches on `type` and a later part kind (tool-call
 * deltas) is one more member. Failures are not parts: they are thrown as `ProviderError`s.
 */
export type StreamPart = ResponseMetadataPart | TextDeltaPart | FinishPart;
