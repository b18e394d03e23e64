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
 * estimates it and says so with `usageSource: "estimated"`. `toolCalls` are the answer's calls
 * whole, each with its complete arguments, accumulated by the adapter from the provider's pieces.
 */
export interface FinishPart extends Omit<AdapterResponse, "text"> {
  readonly type: "finish";
}

/**
 * One part of a streamed answer, as `ModelAdapter.stream` yields them: optionally a
 * `response-metadata` part, text deltas, then exactly one `finish`. A small tagged union, like
 * the AI SDK's stream parts, so the router switches on `type`. Tool calls have no part of their
 * own: an adapter accumulates their pieces (OpenAI streams arguments in fragments) and delivers
 * the complete calls on `finish`, since the router can check a call's arguments only once they
 * are whole and hands the caller text alone. Failures are not parts: they are thrown as
 * `ProviderError`s.
 */
export type StreamPart = ResponseMetadataPart | TextDeltaPart | FinishPart;
