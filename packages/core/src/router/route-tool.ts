import type { AdapterToolCall, ToolDefinition } from "../adapter/tool-definition.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { type OutputSchema, outputSchemaFor } from "../schema/output-schema.js";
import type { RouteSchema } from "../schema/route-schema.js";
import { checkOutput } from "./output-check.js";

/**
 * A tool the model may call, as a request defines it: `parameters` is any route schema (zod 4,
 * a Standard JSON Schema, or a `{ jsonSchema, validate }` pair), which gives both the JSON Schema
 * sent to the provider and the validator the call's arguments must pass.
 */
export interface RouteTool {
  readonly name: string;
  readonly description?: string;
  readonly parameters: RouteSchema;
}

/** A tool call in a result: its arguments parsed and validated against the tool's schema. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: unknown;
}

/** A request's tools, converted once per call: what adapters send, and each tool's validator. */
export interface CallTools {
  readonly definitions: readonly ToolDefinition[];
  readonly schemas: ReadonlyMap<string, OutputSchema>;
}

/**
 * Converts a request's tools for a call. Throws a {@link ConfigurationError} for a tool without a
 * name, two tools of one name, or a schema that cannot give a JSON Schema and a validator, before
 * any provider call.
 */
export function callToolsFor(tools: readonly RouteTool[], task: string): CallTools {
  const schemas = new Map<string, OutputSchema>();
  const definitions: ToolDefinition[] = [];
  for (const tool of tools) {
    if (typeof tool.name !== "string" || tool.name === "") {
      throw new ConfigurationError(`task "${task}": every tool needs a non-empty name`);
    }
    if (schemas.has(tool.name)) throw new ConfigurationError(`task "${task}": two tools are named "${tool.name}"`);
    const schema = outputSchemaFor(tool.parameters, `${task}, tool ${tool.name}`);
    schemas.set(tool.name, schema);
    definitions.push(
      tool.description === undefined
        ? { name: tool.name, parameters: schema.jsonSchema }
        : { name: tool.name, description: tool.description, parameters: schema.jsonSchema },
    );
  }
  return { definitions, schemas };
}

/** The outcome of checking a model's tool calls: all valid, or the first problem, for a repair prompt. */
export type ToolCallCheck =
  | { readonly ok: true; readonly toolCalls: readonly ToolCall[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Parses and validates every tool call's arguments against its tool's schema, the way an answer
 * is checked against the request's schema. A call to a tool the request did not define is a
 * problem too: nothing could run it.
 */
export async function checkToolCalls(calls: readonly AdapterToolCall[], tools: CallTools): Promise<ToolCallCheck> {
  const checked: ToolCall[] = [];
  for (const call of calls) {
    const schema = tools.schemas.get(call.name);
    if (schema === undefined) return { ok: false, problem: `there is no tool named "${call.name}"` };
    const check = await checkOutput(call.arguments || "{}", schema);
    if (!check.ok) return { ok: false, problem: `the arguments of tool "${call.name}": ${check.problem}` };
    checked.push({ id: call.id, name: call.name, arguments: check.value });
  }
  return { ok: true, toolCalls: checked };
}
