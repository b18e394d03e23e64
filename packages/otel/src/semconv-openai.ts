/*
 * The OpenAI attributes of the GenAI semantic conventions this package emits on attempt spans,
 * copied like the rest of `semconv.ts` (source: semantic conventions v1.41.0, docs/gen-ai/openai.md),
 * and checked against `@opentelemetry/semantic-conventions` by `semconv.test.ts`.
 */
/**
 * The type of OpenAI API being used (`chat_completions` or `responses`).
 *
 * @experimental GenAI semconv v1.41.0 (OpenAI).
 */
export const ATTR_OPENAI_API_TYPE = "openai.api.type" as const;

/**
 * Enum value "chat_completions" for {@link ATTR_OPENAI_API_TYPE}: the Chat Completions API.
 *
 * @experimental GenAI semconv v1.41.0 (OpenAI).
 */
export const OPENAI_API_TYPE_VALUE_CHAT_COMPLETIONS = "chat_completions" as const;

/**
 * Enum value "responses" for {@link ATTR_OPENAI_API_TYPE}: the Responses API.
 *
 * @experimental GenAI semconv v1.41.0 (OpenAI).
 */
export const OPENAI_API_TYPE_VALUE_RESPONSES = "responses" as const;

/**
 * The service tier requested; set only when it is not `auto`.
 *
 * @experimental GenAI semconv v1.41.0 (OpenAI).
 */
export const ATTR_OPENAI_REQUEST_SERVICE_TIER = "openai.request.service_tier" as const;

/**
 * The service tier used for the response.
 *
 * @experimental GenAI semconv v1.41.0 (OpenAI).
 */
export const ATTR_OPENAI_RESPONSE_SERVICE_TIER = "openai.response.service_tier" as const;

/**
 * A fingerprint of the backend configuration that served the response.
 *
 * @experimental GenAI semconv v1.41.0 (OpenAI).
 */
export const ATTR_OPENAI_RESPONSE_SYSTEM_FINGERPRINT = "openai.response.system_fingerprint" as const;
