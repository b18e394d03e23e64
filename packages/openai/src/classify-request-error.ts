import type { ErrorClass } from "@modelpolicy/core";

/**
 * Why a provider's error body says the request itself was invalid, so that sending it again
 * cannot help. The names are the rules of {@link invalidRequestRule}.
 */
export type InvalidRequestRule =
  | "structured_output"
  | "validation"
  | "deserialization"
  | "unknown_parameter"
  | "unsupported"
  | "invalid_value";

/**
 * Phrases that only a rejected request shape produces, one rule per family of servers' wording.
 * Every pattern is pinned by a real message in `classify-request-error.test.ts` (llama-cpp-python,
 * vLLM, Ollama, TGI, OpenAI, DeepSeek); add a message there before widening one. The first
 * matching rule names the verdict, so the more specific families come first.
 */
const INVALID_REQUEST_RULES: readonly (readonly [InvalidRequestRule, RegExp])[] = [
  // The structured-output parameters by name: `response_format` (OpenAI, llama-cpp-python,
  // vLLM), `json_schema`, and vLLM's older `guided_json` / `guided_decoding` extras.
  ["structured_output", /response_format|json_schema|guided_json|guided_decoding/i],
  // pydantic (llama-cpp-python, vLLM, LM Studio's Python tools) and TGI's own validation.
  [
    "validation",
    /validation errors? for |input validation error|'loc': \('body'|"loc":\s*\["body"|\binput should be\b|\bfield required\b|extra inputs are not permitted|\bextra_forbidden\b|\bliteral_error\b/i,
  ],
  // Rust servers built on axum/serde (TGI, DeepSeek's API) and Go ones (Ollama).
  ["deserialization", /failed to deserialize|cannot unmarshal|json: unknown field/i],
  [
    "unknown_parameter",
    /unknown (parameter|field|argument|variant)|unrecognized (request )?argument|unexpected (keyword )?argument|additional properties are not allowed/i,
  ],
  ["unsupported", /\bunsupported\b|\bis not supported\b/i],
  [
    "invalid_value",
    /\binvalid (type|value|parameter|request|format|schema|argument)\b|\binvalid_request_error\b|\bBadRequestError\b/i,
  ],
];

/**
 * Context-window overruns, in the servers' words: OpenAI and vLLM ("maximum context length"),
 * llama-cpp-python ("exceed context window"), TGI ("`inputs` tokens + `max_new_tokens` must be").
 */
const CONTEXT_LENGTH =
  /maximum context length|exceeds? (the )?context window|context length exceeded|inputs` tokens \+ `max_new_tokens`/i;

/** A request's structured-output shape named in an error body: the mode is what was refused. */
const STRUCTURED_OUTPUT_NAMED = /response_format|json_schema|\bschema\b|grammar|guided_json/i;

/**
 * The first rule whose wording appears in `text` (an error body or message), or `undefined`
 * when nothing in it says the request was malformed.
 */
export function invalidRequestRule(text: string): InvalidRequestRule | undefined {
  for (const [rule, pattern] of INVALID_REQUEST_RULES) if (pattern.test(text)) return rule;
  return undefined;
}

/**
 * Whether an error's status is one whose body is worth reading for the request's fault: 400 and
 * 422 always, and 5xx except 502, 503 and 504. Those three come from gateways and overloaded
 * hosts whose bodies describe availability, never the request; the other 5xx are what
 * llama-cpp-python (and vLLM before it caught up) answer a request they failed to validate.
 */
export function bodyJudgesRequest(status: number): boolean {
  return status === 400 || status === 422 || (status >= 500 && status !== 502 && status !== 503 && status !== 504);
}

/**
 * Whether a failed request was refused for its structured-output shape: a status that
 * {@link bodyJudgesRequest} and a body naming `response_format`, `json_schema`, the schema or
 * the grammar built from it. Context-window overruns are not, whatever else they mention.
 */
export function rejectsStructuredOutput(status: number, text: string): boolean {
  return bodyJudgesRequest(status) && !CONTEXT_LENGTH.test(text) && STRUCTURED_OUTPUT_NAMED.test(text);
}

/**
 * The router's error class for a status that arrived with an error body: the status's own class
 * (see {@link classOfStatus}), corrected by what the body says. A body describing a context
 * overrun makes it `context_length` (so the router can fall back to a larger model); one that
 * says the request was malformed turns a 5xx into `bad_request`, which is neither retried nor
 * counted by the circuit breaker: resending a request the server cannot parse never succeeds,
 * and treating it as an outage opens the breaker on a healthy server.
 */
export function classOfResponse(status: number, code: string | undefined, text: string): ErrorClass {
  const byStatus = classOfStatus(status, code);
  if ((byStatus !== "server_error" && byStatus !== "bad_request") || !bodyJudgesRequest(status)) return byStatus;
  if (CONTEXT_LENGTH.test(text)) return "context_length";
  if (byStatus === "server_error" && invalidRequestRule(text) !== undefined) return "bad_request";
  return byStatus;
}

const CONTEXT_LENGTH_CODES = new Set(["context_length_exceeded", "string_above_max_length"]);
const CONTENT_FILTER_CODES = new Set(["content_filter", "content_policy_violation"]);

/** The router's error class for an HTTP status and OpenAI error code alone. */
export function classOfStatus(status: number, code: string | undefined): ErrorClass {
  if (code && CONTEXT_LENGTH_CODES.has(code)) return "context_length";
  if (code && CONTENT_FILTER_CODES.has(code)) return "content_filter";
  switch (status) {
    case 400:
    case 422:
      return "bad_request";
    case 401:
    case 403:
      return "auth";
    case 404:
      return "not_found";
    case 408:
      return "timeout";
    case 409:
      return "conflict";
    case 413:
      return "context_length";
    case 429:
      return "rate_limit";
    default:
      return status >= 500 ? "server_error" : "bad_request";
  }
}
