/**
 * How a request with a schema asks the server for JSON, most to least enforced:
 *
 * - `json_schema`: `response_format: { type: "json_schema", json_schema: { name, schema, strict } }`,
 *   OpenAI's structured outputs (vLLM, Ollama, LM Studio, Azure, recent TGI accept it too);
 *   `strict` is the request's own (`false` when unset).
 * - `json_object_schema`: `response_format: { type: "json_object", schema }`, the shape
 *   llama-cpp-python's server turns into a grammar (and TGI's `json_object` + `value` cousin).
 * - `json_object`: `response_format: { type: "json_object" }` (any JSON) with the schema written
 *   into the prompt.
 * - `prompt`: no `response_format` at all; the schema is in the prompt.
 *
 * The router validates (and repairs) the answer against the schema in every mode, so a weaker
 * mode costs answer quality and repairs, never correctness.
 */
export type StructuredOutputMode = "json_schema" | "json_object_schema" | "json_object" | "prompt";

/** Every mode, in the order negotiation tries them. */
export const STRUCTURED_OUTPUT_MODES: readonly StructuredOutputMode[] = [
  "json_schema",
  "json_object_schema",
  "json_object",
  "prompt",
];

/**
 * How the adapter picks a structured-output mode. A model with a fixed mode (`byModel`, then
 * `mode`) always gets it: a rejection is then an ordinary `bad_request`. Every other model is
 * negotiated: the adapter starts at the first mode of `negotiate` and, when a server rejects a
 * mode's request shape, moves on to the next one within the same call and remembers the move
 * for that base URL and model.
 */
export interface StructuredOutputOptions {
  /** One mode for every model; turns negotiation off. */
  mode?: StructuredOutputMode;
  /** A mode per provider model name; wins over `mode`. */
  byModel?: Readonly<Record<string, StructuredOutputMode>>;
  /** The modes negotiation may use, in order. Default {@link STRUCTURED_OUTPUT_MODES}. */
  negotiate?: readonly StructuredOutputMode[];
}
