import { RequestShapeError } from "../errors/request-shape-error.js";
import type { AdapterToolCall } from "./tool-definition.js";

/**
 * A replayed tool call's arguments as the JSON object providers that carry a call's input as an
 * object need (Anthropic's `tool_use.input`, the AI SDK's `tool-call` input); `""` is `{}`.
 * Anything else is refused with a {@link RequestShapeError} before any request, since sending a
 * guess would change what the model is told it called. `takenAs` finishes the message: what the
 * provider takes the input as.
 */
export function toolCallInput(call: AdapterToolCall, provider: string, takenAs: string): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(call.arguments === "" ? "{}" : call.arguments);
  } catch {
    input = undefined;
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new RequestShapeError(
      `the arguments of tool call "${call.id}" (${call.name}) in the history are not a JSON object, which ${takenAs}`,
      provider,
      "tools",
    );
  }
  return input as Record<string, unknown>;
}
