import type { StatusReply } from "./fake-reply.js";
import type { ChatCompletionRequestBody } from "./recorded-request.js";

/**
 * How an OpenAI-compatible server differs from OpenAI in what it accepts and what it reports.
 * The fake applies a dialect before any scripted reply: a request the dialect rejects gets the
 * dialect's error and consumes nothing from the script, the way a real server validates a
 * request before it generates anything.
 */
export interface ServerDialect {
  /** Shown in test names and messages. */
  readonly name: string;
  /** The error a chat request gets when this server would refuse its shape, else `undefined`. */
  rejectRequest?(body: ChatCompletionRequestBody): StatusReply | undefined;
  /** Leave `usage` out of chat completions, as some servers (and proxies) do. */
  readonly omitUsage?: boolean;
}

/**
 * llama-cpp-python's error text for `response_format: { type: "json_schema" }`, exactly as its
 * 0.3.36 server sent it over HTTP (measured against the real server): a pydantic validation
 * error that its route handler wraps as a 500 `internal_server_error`.
 */
export const LLAMA_CPP_PYTHON_RESPONSE_FORMAT_ERROR =
  "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', 'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  File \"/opt/venv/lib/python3.11/site-packages/llama_cpp/server/app.py\", line 376, in create_chat_completion\n    POST /v1/chat/completions";

/** The `response_format` types llama-cpp-python's request model accepts. */
const LLAMA_CPP_PYTHON_FORMATS = new Set(["text", "json_object"]);

/**
 * The dialects tests need. `openai` is the default: everything accepted, usage always sent.
 * `llamaCppPython` answers any `response_format` type but `text` and `json_object` with the
 * 500 above, and accepts `{ type: "json_object", schema }` (which the real server turns into a
 * grammar). `noUsage` is a server that answers normally but never reports token usage.
 */
export const dialects = {
  openai: { name: "openai" },
  llamaCppPython: {
    name: "llama-cpp-python",
    rejectRequest(body: ChatCompletionRequestBody): StatusReply | undefined {
      const type = body.response_format?.type;
      if (type === undefined || LLAMA_CPP_PYTHON_FORMATS.has(type)) return undefined;
      return {
        status: 500,
        body: {
          error: {
            message: LLAMA_CPP_PYTHON_RESPONSE_FORMAT_ERROR.replace("'json_schema'", `'${type}'`),
            type: "internal_server_error",
            param: null,
            code: null,
          },
        },
      };
    },
  },
  noUsage: { name: "no-usage", omitUsage: true },
} as const satisfies Record<string, ServerDialect>;
