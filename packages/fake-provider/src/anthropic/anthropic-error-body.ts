/** The body Anthropic sends with every error status; SDKs read `error.type` and `error.message` from it. */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
  request_id: string;
}

const TYPES_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const DEFAULT_MESSAGES: Record<string, string> = {
  authentication_error: "invalid x-api-key",
  overloaded_error: "Overloaded",
  rate_limit_error: "Number of request tokens has exceeded your per-minute rate limit",
  not_found_error: "model: not found",
  request_too_large: "Request exceeds the maximum allowed number of bytes.",
};

/** The `error.type` Anthropic documents for a status (`api_error` for other 5xx, `invalid_request_error` for other 4xx). */
export function anthropicErrorType(status: number): string {
  return TYPES_BY_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}

/**
 * Builds Anthropic's error shape with a realistic type and message per status, so a test names
 * only what it cares about (`529`) and the SDK still sees a body it parses into a typed error.
 */
export function anthropicErrorBody(
  status: number,
  fields: { type?: string; message?: string } = {},
  requestId = "req_testkit",
): AnthropicErrorBody {
  const type = fields.type ?? anthropicErrorType(status);
  return {
    type: "error",
    error: { type, message: fields.message ?? DEFAULT_MESSAGES[type] ?? `testkit error (status ${status})` },
    request_id: requestId,
  };
}
