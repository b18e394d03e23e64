import type { ResponseFormat } from "../adapter/model-adapter.js";
import type { OutputSchema } from "./output-schema.js";

/** Names kept per schema; the unknown-task route names formats after open-ended task names. */
const MAX_NAMES_PER_SCHEMA = 64;

/**
 * The response format for a schema, name and strictness, built once per combination and then
 * shared (the schema's JSON Schema is converted once, in `outputSchemaFor`): a stable object
 * lets adapters cache what they derive from it.
 */
export function responseFormatFor(schema: OutputSchema, name: string, strict?: boolean): ResponseFormat {
  const key = strict === undefined ? name : `${name}\u0000${strict}`;
  let format = schema.formats.get(key);
  if (!format) {
    format = Object.freeze(
      strict === undefined ? { name, schema: schema.jsonSchema } : { name, schema: schema.jsonSchema, strict },
    );
    if (schema.formats.size < MAX_NAMES_PER_SCHEMA) schema.formats.set(key, format);
  }
  return format;
}
