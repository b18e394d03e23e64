/** The body OpenAI sends with every error status; SDKs read `error.code` and `error.type` from it. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const DEFAULT_MESSAGES: Record<string, string> = {
  context_length_exceeded:
    "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
  rate_limit_exceeded: "Rate limit reached for requests. Please try again in 1s.",
  insufficient_quota: "You exceeded your current quota, please check your plan and billing details.",
  invalid_api_key: "Incorrect API key provided.",
  model_not_found: "The model does not exist or you do not have access to it.",
};

function defaultType(status: number, code: string | null): string {
  if (code === "insufficient_quota") return "insufficient_quota";
  if (status === 429) return "requests";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/**
 * Builds OpenAI's error shape with realistic defaults per status and code, so a test names only
 * what it cares about (`429`, `rate_limit_exceeded`) and the client still sees a plausible body.
 */
export function openAIErrorBody(
  status: number,
  code: string | null = null,
  fields: { message?: string; type?: string; param?: string | null } = {},
): OpenAIErrorBody {
  return {
    error: {
      message: fields.message ?? (code ? DEFAULT_MESSAGES[code] : undefined) ?? `testkit error (status ${status})`,
      type: fields.type ?? defaultType(status, code),
      param: fields.param ?? null,
      code,
    },
  };
}
