import { type AdapterCall, RequestShapeError, type ToolChoice, type ToolDefinition } from "@modelpolicy/core";
import type { AnthropicTool, AnthropicToolChoice } from "./anthropic-client-like.js";
import { outputToolFor } from "./output-tool.js";

/** The `tools` and `tool_choice` of a request, both absent when it has neither tools nor a response format. */
export interface AnthropicToolsOfCall {
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
}

/**
 * A call's tools and tool choice on the wire, with the forced output tool that carries a response
 * format (see `outputToolFor`). Without a response format the tools go as they are and the choice
 * maps one to one: `auto` → `{type: "auto"}`, `none` → `{type: "none"}`, `required` →
 * `{type: "any"}`, `{name}` → `{type: "tool", name}` (absent leaves Anthropic's default, `auto`).
 *
 * With both a response format and tools, the answer is either tool calls or the structured
 * answer, so the rule is:
 * - `auto` or absent: the caller's tools and the output tool, with `{type: "any"}`: the model must
 *   call a tool, and answering is calling the output tool;
 * - `none`: both again (a history that holds tool calls needs their tools), with the output
 *   tool forced: the model answers and calls nothing;
 * - `required` or `{name}`: the caller's tools only, as without a format: the answer is a tool
 *   call, so there is nothing for the output tool to carry.
 *
 * A caller's tool named like the output tool (the format's name, cleaned) would make a tool call
 * and the answer indistinguishable, so it is refused before any request.
 */
export function anthropicToolsOf(call: AdapterCall, provider: string): AnthropicToolsOfCall {
  const own = call.tools?.length ? toolsOf(call.tools, provider) : undefined;
  const output = call.responseFormat ? outputToolFor(call.responseFormat).tool : undefined;
  if (output === undefined) {
    if (own === undefined) return {};
    return call.toolChoice === undefined ? { tools: own } : { tools: own, tool_choice: toolChoiceOf(call.toolChoice) };
  }
  const forcedOutput: AnthropicToolChoice = { type: "tool", name: output.name };
  if (own === undefined) return { tools: [output], tool_choice: forcedOutput };
  if (own.some((tool) => tool.name === output.name)) {
    throw new RequestShapeError(
      `tool "${output.name}" has the name of the tool that carries the response format; rename one of them`,
      provider,
      "tools",
    );
  }
  const choice = call.toolChoice ?? "auto";
  if (choice === "auto") return { tools: [...own, output], tool_choice: { type: "any" } };
  if (choice === "none") return { tools: [...own, output], tool_choice: forcedOutput };
  return { tools: own, tool_choice: toolChoiceOf(choice) };
}

/** Core's tool choice as Anthropic's. */
export function toolChoiceOf(choice: ToolChoice): AnthropicToolChoice {
  switch (choice) {
    case "auto":
      return { type: "auto" };
    case "none":
      return { type: "none" };
    case "required":
      return { type: "any" };
    default:
      return { type: "tool", name: choice.name };
  }
}

/**
 * Core's tool definitions as Anthropic's custom tools. A tool's input is always a JSON object, so
 * a schema that names another root type is refused; one that names none (`{}` for a tool without
 * arguments) is sent as an object. The top-level `$schema` is dropped, as for the output tool.
 */
function toolsOf(definitions: readonly ToolDefinition[], provider: string): AnthropicTool[] {
  return definitions.map((definition) => {
    const { $schema: _dialect, ...schema } = definition.parameters;
    if (schema.type !== undefined && schema.type !== "object") {
      throw new RequestShapeError(
        `tool "${definition.name}" takes ${JSON.stringify(schema.type)} arguments; Anthropic tool inputs are JSON objects`,
        provider,
        "tools",
      );
    }
    const tool: AnthropicTool = { name: definition.name, input_schema: { ...schema, type: "object" } };
    if (definition.description !== undefined) tool.description = definition.description;
    return tool;
  });
}
