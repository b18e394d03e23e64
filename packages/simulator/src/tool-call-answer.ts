/** One tool call a fixture makes: the tool's name and its arguments. */
export interface SimulatedToolCall {
  readonly name: string;
  /**
   * The arguments: any value other than a string is sent as its JSON; a string is sent as is,
   * so a fixture can send arguments that do not parse (the router's repair path). The Messages
   * API carries tool input as a JSON object, so there the arguments must be one.
   */
  readonly arguments: unknown;
}

const TOOL_CALL_ANSWER = Symbol.for("@modelpolicy/simulator.ToolCallAnswer");

/**
 * A responder's answer that calls tools instead of (or besides) answering in text. A marker
 * class, not a plain `{ toolCalls }` object, because any plain value a responder returns is an
 * answer sent as JSON, and a structured answer may well have a `toolCalls` field of its own. It
 * is recognised by a `Symbol.for` marker, so a copy of the simulator installed twice still
 * knows it.
 */
export class ToolCallAnswer {
  readonly [TOOL_CALL_ANSWER] = true;

  constructor(
    /** The calls, in the order the model makes them (one assistant turn, parallel calls). */
    readonly calls: readonly SimulatedToolCall[],
    /** Text the model says besides the calls; empty sends none (`content: null` on OpenAI). */
    readonly text = "",
  ) {}

  /** Whether `value` is a {@link ToolCallAnswer}, from this copy of the simulator or another. */
  static isInstance(value: unknown): value is ToolCallAnswer {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[TOOL_CALL_ANSWER] === true;
  }
}

/**
 * Makes a responder answer with tool calls: OpenAI gets them as `message.tool_calls` with
 * `finish_reason: "tool_calls"` (streamed as `delta.tool_calls`), Anthropic as `tool_use` blocks
 * with `stop_reason: "tool_use"`.
 *
 * ```ts
 * responder: (request) =>
 *   request.tools.some((tool) => tool.name === "lookup_order") && !request.messages.some((m) => m.role === "tool")
 *     ? toolCallAnswer([{ name: "lookup_order", arguments: { orderNumber: "A-17" } }])
 *     : "Your order ships tomorrow.",
 * ```
 */
export function toolCallAnswer(calls: readonly SimulatedToolCall[], text = ""): ToolCallAnswer {
  return new ToolCallAnswer(calls, text);
}
