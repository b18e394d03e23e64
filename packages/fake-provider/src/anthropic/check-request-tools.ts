import type { MessagesRequestBody } from "./messages-request-body.js";

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const CHOICE_TYPES = ["auto", "any", "tool", "none"];

/**
 * Checks a request's `tools` and `tool_choice` the way the Messages API does, and returns the
 * `invalid_request_error` message of the first problem, or `undefined`: each custom tool needs a
 * name of letters, digits, `_` and `-` (at most 64), unique in the request, and an `input_schema`
 * whose `type` is `object`; `tool_choice` is `auto`, `any`, `tool` (naming a tool of the request)
 * or `none`, and `any` or `tool` need tools to choose from.
 */
export function checkRequestTools(body: MessagesRequestBody): string | undefined {
  const tools = body.tools ?? [];
  if (!Array.isArray(tools)) return "tools: Input should be a valid list";
  const names = new Set<string>();
  for (const [index, tool] of tools.entries()) {
    const name = tool?.name;
    if (typeof name !== "string" || !TOOL_NAME.test(name)) {
      return `tools.${index}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`;
    }
    if (names.has(name)) return "tools: Tool names must be unique.";
    names.add(name);
    const schema = tool.input_schema as { type?: unknown } | null | undefined;
    if (typeof schema !== "object" || schema === null) return `tools.${index}.custom.input_schema: Field required`;
    if (schema.type !== "object") return `tools.${index}.custom.input_schema.type: Input should be 'object'`;
  }
  const choice = body.tool_choice;
  if (choice === undefined) return undefined;
  if (!CHOICE_TYPES.includes(String(choice.type))) {
    return `tool_choice: Input tag '${String(choice.type)}' found using 'type' does not match any of the expected tags: ${CHOICE_TYPES.map((type) => `'${type}'`).join(", ")}`;
  }
  if (choice.type === "tool" && !names.has(String(choice.name))) {
    return `tool_choice: tool '${String(choice.name)}' not found in tools`;
  }
  if (choice.type === "any" && names.size === 0) return "tool_choice: 'any' requires tools to be provided";
  return undefined;
}
