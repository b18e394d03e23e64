/*
 * Copies of the unstable GenAI semantic-convention names this package emits.
 *
 * Source: OpenTelemetry semantic conventions v1.41.0 (docs/gen-ai), as shipped in the
 * `@opentelemetry/semantic-conventions` 1.45.0 "incubating" entry point. That entry point may
 * break in minor releases, and its own README asks instrumentations to copy what they use
 * instead of importing it at run time; `semconv.test.ts` checks these copies against it.
 * The GenAI conventions have since moved to their own repository (semantic-conventions-genai);
 * the names below are unchanged there.
 */

/**
 * The name of the operation being performed (`chat` for every routed attempt).
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_OPERATION_NAME = "gen_ai.operation.name" as const;

/**
 * Enum value "chat" for {@link ATTR_GEN_AI_OPERATION_NAME}: a chat completion operation.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_OPERATION_NAME_VALUE_CHAT = "chat" as const;

/**
 * Enum value "embeddings" for {@link ATTR_GEN_AI_OPERATION_NAME}: an embeddings operation
 * (`router.embed`).
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS = "embeddings" as const;

/**
 * The number of dimensions the resulting output embeddings should have.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT = "gen_ai.embeddings.dimension.count" as const;

/**
 * The encoding formats requested in an embeddings operation, if specified.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_REQUEST_ENCODING_FORMATS = "gen_ai.request.encoding_formats" as const;

/**
 * The GenAI provider as identified by the client instrumentation (the adapter's `provider`).
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_PROVIDER_NAME = "gen_ai.provider.name" as const;

/**
 * The GenAI provider under its pre-1.37 name. Never emitted; read only to recognise the GenAI
 * client spans of instrumentations that still set it (instrumentation-openai 0.21).
 *
 * @experimental GenAI semconv v1.41.0.
 * @deprecated Replaced by `gen_ai.provider.name`.
 */
export const ATTR_GEN_AI_SYSTEM = "gen_ai.system" as const;

/**
 * Enum value "openai" for {@link ATTR_GEN_AI_PROVIDER_NAME}: the provider whose spans carry the
 * `openai.*` attributes.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_PROVIDER_NAME_VALUE_OPENAI = "openai" as const;

/**
 * Enum value "invoke_workflow" for {@link ATTR_GEN_AI_OPERATION_NAME}: a workflow run.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW = "invoke_workflow" as const;

/**
 * Human-readable name of the GenAI workflow provided by the application.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_WORKFLOW_NAME = "gen_ai.workflow.name" as const;

/**
 * The name of the GenAI model a request is being made to.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_REQUEST_MODEL = "gen_ai.request.model" as const;

/**
 * The maximum number of tokens the model generates for a request.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens" as const;

/**
 * The temperature setting for the GenAI request.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = "gen_ai.request.temperature" as const;
/**
 * Whether the request asked for a streamed response; set (`true`) only on streamed attempts.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_REQUEST_STREAM = "gen_ai.request.stream" as const;
/**
 * Seconds from issuing a streamed request to receiving the first chunk of its response.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk" as const;

/**
 * The content type requested by the client (`json` when a response schema was sent).
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_OUTPUT_TYPE = "gen_ai.output.type" as const;

/**
 * Enum value "json" for {@link ATTR_GEN_AI_OUTPUT_TYPE}: JSON with a known or unknown schema.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_OUTPUT_TYPE_VALUE_JSON = "json" as const;

/**
 * Enum value "text" for {@link ATTR_GEN_AI_OUTPUT_TYPE}: plain text.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_OUTPUT_TYPE_VALUE_TEXT = "text" as const;

/**
 * The name of the model that generated the response.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_RESPONSE_MODEL = "gen_ai.response.model" as const;

/**
 * The unique identifier for the completion.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_RESPONSE_ID = "gen_ai.response.id" as const;

/**
 * Array of reasons the model stopped generating tokens, one per choice.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons" as const;

/**
 * The number of tokens used in the GenAI input (prompt).
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens" as const;

/**
 * The number of tokens used in the GenAI response (completion).
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens" as const;

/**
 * The number of input tokens served from the provider's prompt cache.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens" as const;

/**
 * The number of input tokens written to the provider's prompt cache; part of
 * `gen_ai.usage.input_tokens`, like cache reads.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = "gen_ai.usage.cache_creation.input_tokens" as const;

/**
 * The chat history sent to the model, as a JSON string following the semconv input-messages
 * schema. Sensitive: only set when content capture is on.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_INPUT_MESSAGES = "gen_ai.input.messages" as const;

/**
 * The tools offered to the model, as a JSON string of `{ type: "function", name, description,
 * parameters }` entries. Their schemas can reveal as much as a prompt, so it is recorded only
 * when content capture is on.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_TOOL_DEFINITIONS = "gen_ai.tool.definitions" as const;

/**
 * The messages the model returned, as a JSON string following the semconv output-messages
 * schema. Sensitive: only set when content capture is on.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_OUTPUT_MESSAGES = "gen_ai.output.messages" as const;

/**
 * The type of token being counted, a label of {@link METRIC_GEN_AI_CLIENT_TOKEN_USAGE}.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const ATTR_GEN_AI_TOKEN_TYPE = "gen_ai.token.type" as const;

/**
 * Enum value "input" for {@link ATTR_GEN_AI_TOKEN_TYPE}.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_TOKEN_TYPE_VALUE_INPUT = "input" as const;

/**
 * Enum value "output" for {@link ATTR_GEN_AI_TOKEN_TYPE}.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_TOKEN_TYPE_VALUE_OUTPUT = "output" as const;

/**
 * Histogram of input and output tokens used, unit `{token}`.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = "gen_ai.client.token.usage" as const;

/**
 * Histogram of GenAI operation duration, unit `s`.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration" as const;
/**
 * Histogram of the time to a streamed response's first chunk, unit `s`; recorded for streamed
 * attempts only, with the labels of {@link METRIC_GEN_AI_CLIENT_OPERATION_DURATION} and the
 * same advisory buckets.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK =
  "gen_ai.client.operation.time_to_first_chunk" as const;

/**
 * Advisory bucket boundaries the GenAI semconv gives for {@link METRIC_GEN_AI_CLIENT_TOKEN_USAGE}.
 * Without them the SDK's default buckets (0…10 000) lump every large prompt together.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_TOKEN_USAGE_BUCKETS: readonly number[] = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];

/**
 * Advisory bucket boundaries the GenAI semconv gives for
 * {@link METRIC_GEN_AI_CLIENT_OPERATION_DURATION}, in seconds.
 *
 * @experimental GenAI semconv v1.41.0.
 */
export const GEN_AI_OPERATION_DURATION_BUCKETS: readonly number[] = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

/**
 * GenAI server address (host name or IP) of an attempt. Stable since semconv 1.21.
 */
export const ATTR_SERVER_ADDRESS = "server.address" as const;

/**
 * GenAI server port of an attempt. Stable since semconv 1.21.
 */
export const ATTR_SERVER_PORT = "server.port" as const;

/**
 * HTTP status of a failed attempt's response. Stable since semconv 1.23.
 */
export const ATTR_HTTP_RESPONSE_STATUS_CODE = "http.response.status_code" as const;

/**
 * Schema URL of the semantic conventions these names come from, set on every tracer and meter
 * so backends can translate them when the conventions move on.
 */
export const SEMCONV_SCHEMA_URL = "https://opentelemetry.io/schemas/1.41.0" as const;

/**
 * Describes the class of error an operation ended with. Stable since semconv 1.21; copied so
 * the package needs no run-time semconv dependency at all.
 */
export const ATTR_ERROR_TYPE = "error.type" as const;
