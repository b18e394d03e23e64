import type { ResponseFormat } from "@modelpolicy/core";
import type { OutputTool } from "./anthropic-client-like.js";

/** The property a non-object schema is wrapped in: tool inputs must be JSON objects. */
export const WRAPPED_OUTPUT_PROPERTY = "output";

/** A response format as a forced tool, and whether the answer sits under {@link WRAPPED_OUTPUT_PROPERTY}. */
export interface OutputToolFor {
  tool: OutputTool;
  wrapped: boolean;
}

const DESCRIPTION =
  "Return your answer by calling this tool. Its input is the answer, and must match the input schema exactly.";

/** Tools built once per response format (the router reuses its frozen format objects). */
const tools = new WeakMap<ResponseFormat, OutputToolFor>();

/**
 * The forced tool that carries a response format. The Messages API has no `response_format`
 * that every model and SDK major supports, so structured output goes the documented way: one
 * tool whose `input_schema` is the format's JSON Schema, forced with `tool_choice`, and the tool
 * call's input is the answer. Tool names allow letters, digits, `_` and `-` (at most 64); a schema
 * whose root is not an object (an array, a string) is wrapped in one, because tool inputs are
 * always objects; the top-level `$schema` is dropped, as the SDKs' own helpers do.
 */
export function outputToolFor(format: ResponseFormat): OutputToolFor {
  let entry = tools.get(format);
  if (entry === undefined) {
    const { $schema: _dialect, ...schema } = format.schema;
    const wrapped = schema.type !== "object";
    const inputSchema: OutputTool["input_schema"] = wrapped
      ? {
          type: "object",
          properties: { [WRAPPED_OUTPUT_PROPERTY]: schema },
          required: [WRAPPED_OUTPUT_PROPERTY],
          additionalProperties: false,
        }
      : { ...schema, type: "object" };
    const tool: OutputTool = {
      name: format.name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "output",
      description: DESCRIPTION,
      input_schema: inputSchema,
    };
    if (isStrict(format)) tool.strict = true;
    entry = { tool, wrapped };
    tools.set(format, entry);
  }
  return entry;
}

/**
 * Whether the format asks for a strict schema. Core's `ResponseFormat` is gaining an optional
 * `strict`; until every core this package runs against has it, it is read structurally.
 */
function isStrict(format: ResponseFormat): boolean {
  return (format as ResponseFormat & { strict?: boolean }).strict === true;
}
