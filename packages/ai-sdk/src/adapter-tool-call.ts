import type { AdapterToolCall } from "@modelpolicy/core";

/**
 * The members of a `tool-call` content part (a `doGenerate` result's) or stream part the adapter
 * reads, whichever spec version sent it; everything is `unknown` because a hand-written model may
 * send anything.
 */
export interface AiSdkToolCallShape {
  toolCallId?: unknown;
  toolName?: unknown;
  /** Spec v2, v3 and v4: the arguments as JSON text. */
  input?: unknown;
  /** Spec v1 (AI SDK 4), read in case a provider still sends it. */
  args?: unknown;
  /** The provider ran the tool itself (a web search, say): the caller has nothing to run. */
  providerExecuted?: unknown;
}

/**
 * A `tool-call` part as the core's tool call, or `undefined` for one the provider ran itself or
 * one without a tool name. Shared by `generate` (result content) and `stream` (stream parts), so
 * a call reads the same whichever way it came. The arguments are JSON text in every spec version
 * (`input`, or v1's `args`); an object from a hand-written model is encoded, because the router
 * parses and validates the text against the tool's schema itself.
 */
export function adapterToolCall(part: AiSdkToolCallShape): AdapterToolCall | undefined {
  if (part.providerExecuted === true || typeof part.toolName !== "string") return undefined;
  const input = part.input ?? part.args;
  return {
    id: typeof part.toolCallId === "string" ? part.toolCallId : "",
    name: part.toolName,
    arguments: typeof input === "string" ? input : input === undefined ? "" : JSON.stringify(input),
  };
}
