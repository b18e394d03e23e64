import type { AdapterToolCall } from "@modelpolicy/core";

/** The fields of a content block the adapter reads for tool calls. */
export interface ToolUseBlockShape {
  type?: string;
  id?: unknown;
  name?: unknown;
  input?: unknown;
}

/**
 * The caller's tool calls among an answer's content blocks, in order, arguments as the JSON text
 * of their `input` (core keeps arguments as text: only the router knows the tool's schema).
 * `tool_use` blocks of the output tool, named `outputToolName`, are the structured answer, not a
 * call, and are left out; server tools (`server_tool_use`) run at Anthropic and are not calls
 * either. `undefined` when there are none.
 */
export function toolUseCalls(
  content: readonly ToolUseBlockShape[],
  outputToolName: string | undefined,
): AdapterToolCall[] | undefined {
  const calls: AdapterToolCall[] = [];
  for (const block of content) {
    if (block.type !== "tool_use" || typeof block.name !== "string" || block.name === outputToolName) continue;
    calls.push({
      id: typeof block.id === "string" ? block.id : "",
      name: block.name,
      arguments: JSON.stringify(block.input ?? {}),
    });
  }
  return calls.length > 0 ? calls : undefined;
}
