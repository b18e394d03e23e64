/**
 * A tool as an adapter sends it: its name, what it is for, and the JSON Schema of its arguments
 * (converted by the router from the request's schema, shared across calls like a response format).
 */
export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** A JSON Schema object for the tool's arguments. */
  readonly parameters: Record<string, unknown>;
}

/**
 * Whether the model may call tools: `auto` lets it choose, `none` forbids it, `required` makes it
 * call at least one, `{ name }` makes it call that one. Mirrors OpenAI's `tool_choice`.
 */
export type ToolChoice = "auto" | "none" | "required" | { readonly name: string };

/**
 * A tool call as the provider sent it: the arguments stay JSON text, since only the router knows
 * the tool's schema and a call whose arguments do not parse is repaired like structured output.
 */
export interface AdapterToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as JSON text. */
  readonly arguments: string;
}
