import type { ErrorClass } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import {
  bodyJudgesRequest,
  classOfResponse,
  type InvalidRequestRule,
  invalidRequestRule,
  rejectsStructuredOutput,
} from "./classify-request-error.js";

interface Case {
  /** Which server said it, and where the text was found. */
  source: string;
  status: number;
  /** The error text as `errorText` sees it: the SDK's message plus the body's `error` member. */
  text: string;
  errorClass: ErrorClass;
  rule: InvalidRequestRule | undefined;
  /** Whether the adapter would move to the next structured-output mode. */
  refusesMode: boolean;
}

// Real error messages, each with where it was seen. The point of the table: the classifier is a
// list of phrases, and a phrase earns its place only by a message a real server sent.
const CASES: Case[] = [
  {
    source: "llama-cpp-python 0.3.36, json_schema sent (measured against the real server, HTTP 500)",
    status: 500,
    text: `500 1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': "Input should be 'text' or 'json_object'", 'input': 'json_schema', 'ctx': {'expected': "'text' or 'json_object'"}}\n{"message":"…","type":"internal_server_error","param":null,"code":null}`,
    errorClass: "bad_request",
    rule: "structured_output",
    refusesMode: true,
  },
  {
    source: "llama-cpp-python server/errors.py, context_length_exceeded formatter (HTTP 400)",
    status: 400,
    text: "400 This model's maximum context length is 2048 tokens. However, you requested 2100 tokens (1900 in the messages, 200 in the completion). Please reduce the length of the messages or completion.",
    errorClass: "context_length",
    rule: undefined,
    refusesMode: false,
  },
  {
    source: "vLLM, pydantic validation of messages (vllm-project/vllm#10015)",
    status: 400,
    text: `400 [{'type': 'literal_error', 'loc': ('body', 'messages', 2, 'typed-dict', 'role'), 'msg': "Input should be 'system'", 'input': 'assistant', 'ctx': {'expected': "'system'"}}, {'type': 'extra_forbidden', 'loc': ('body', 'messages', 2, 'typed-dict', 'refusal'), 'msg': 'Extra inputs are not permitted', 'input': None}]`,
    errorClass: "bad_request",
    rule: "validation",
    refusesMode: false,
  },
  {
    source: "vLLM, the same pydantic text under a 500 (the shape llama-cpp-python sends)",
    status: 500,
    text: `500 [{'type': 'extra_forbidden', 'loc': ('body', 'messages', 2, 'typed-dict', 'refusal'), 'msg': 'Extra inputs are not permitted', 'input': None}]`,
    errorClass: "bad_request",
    rule: "validation",
    refusesMode: false,
  },
  {
    source: "vLLM, context overrun (vllm-project/vllm#12886)",
    status: 400,
    text: `400 This model's maximum context length is 2048 tokens. However, you requested 2723 tokens (1699 in the messages, 1024 in the completion). Please reduce the length of the messages or completion.\n{"type":"BadRequestError","param":null,"code":400}`,
    errorClass: "context_length",
    rule: "invalid_value",
    refusesMode: false,
  },
  {
    source: "vLLM, response_format json_schema without json_schema member: empty 500 (vllm-project/vllm#35438)",
    status: 500,
    text: `500 status code (no body)\n{"message":"","type":"InternalServerError","param":null,"code":500}`,
    errorClass: "server_error",
    rule: undefined,
    refusesMode: false,
  },
  {
    source: "Ollama /v1, message content as parts on an old version (MadcowD/ell#414)",
    status: 400,
    text: `400 json: cannot unmarshal array into Go struct field Message.messages.content of type string\n{"message":"json: cannot unmarshal array into Go struct field Message.messages.content of type string","type":"invalid_request_error","param":null,"code":null}`,
    errorClass: "bad_request",
    rule: "deserialization",
    refusesMode: false,
  },
  {
    source: "Ollama 0.5.2, format rejected (ollama/ollama#8126)",
    status: 400,
    text: `400 invalid format: expected "json" or a JSON schema`,
    errorClass: "bad_request",
    rule: "invalid_value",
    refusesMode: true,
  },
  {
    source: "Ollama before 0.5, a schema as format (ollama/ollama-python#428)",
    status: 400,
    text: "400 json: cannot unmarshal object into Go struct field ChatRequest.format of type string",
    errorClass: "bad_request",
    rule: "deserialization",
    refusesMode: false,
  },
  {
    source: "TGI started without grammar support (an integration test's recorded body)",
    status: 422,
    text: `422 "Input validation error: grammar is not supported"`,
    errorClass: "bad_request",
    rule: "validation",
    refusesMode: true,
  },
  {
    source: "TGI, prompt plus max_new_tokens over the window (validation.rs wording)",
    status: 422,
    text: '422 "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 512 `max_new_tokens`"',
    errorClass: "context_length",
    rule: "validation",
    refusesMode: false,
  },
  {
    source: "DeepSeek (axum/serde), json_schema refused (karakeep-app/karakeep#1160)",
    status: 422,
    text: "422 Failed to deserialize the JSON body into the target type: response_format: response_format.type `json_schema` is unavailable now at line 32 column 1",
    errorClass: "bad_request",
    rule: "structured_output",
    refusesMode: true,
  },
  {
    source: "OpenAI, max_tokens to a reasoning model",
    status: 400,
    text: `400 Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.\n{"type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}`,
    errorClass: "bad_request",
    rule: "unsupported",
    refusesMode: false,
  },
  {
    source: "OpenAI / Azure OpenAI before stream_options existed",
    status: 400,
    text: "400 Unrecognized request argument supplied: stream_options",
    errorClass: "bad_request",
    rule: "unknown_parameter",
    refusesMode: false,
  },
  {
    source: "OpenAI, a strict schema outside the strict subset",
    status: 400,
    text: "400 Invalid schema for response_format 'output': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    errorClass: "bad_request",
    rule: "structured_output",
    refusesMode: true,
  },
  {
    source: "Azure OpenAI before api-version 2024-08-01-preview (learn.microsoft.com Q&A 2278693)",
    status: 400,
    text: `400 response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later\n{"code":"BadRequest","message":"response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later"}`,
    errorClass: "bad_request",
    rule: "structured_output",
    refusesMode: true,
  },
  {
    source: "OpenAI, a genuine server fault",
    status: 500,
    text: `500 The server had an error while processing your request. Sorry about that!\n{"type":"server_error","param":null,"code":null}`,
    errorClass: "server_error",
    rule: undefined,
    refusesMode: false,
  },
  {
    source: "OpenAI, overloaded",
    status: 503,
    text: "503 The engine is currently overloaded, please try again later.",
    errorClass: "server_error",
    rule: undefined,
    refusesMode: false,
  },
  {
    source: "a gateway in front of any server: 502/503/504 bodies describe availability, whatever they say",
    status: 503,
    text: "503 upstream rejected response_format: invalid value",
    errorClass: "server_error",
    rule: "structured_output",
    refusesMode: false,
  },
];

describe("classOfResponse over real error messages", () => {
  it.each(CASES)("$source → $errorClass", ({ status, text, errorClass }) => {
    expect(classOfResponse(status, undefined, text)).toBe(errorClass);
  });

  it.each(CASES)("$source → rule $rule", ({ text, rule }) => {
    expect(invalidRequestRule(text)).toBe(rule);
  });

  it.each(CASES)("$source → moves to the next mode: $refusesMode", ({ status, text, refusesMode }) => {
    expect(rejectsStructuredOutput(status, text)).toBe(refusesMode);
  });
});

describe("classOfResponse", () => {
  it("keeps the status's class where the body cannot change it", () => {
    expect(classOfResponse(429, undefined, "Input should be shorter")).toBe("rate_limit");
    expect(classOfResponse(401, undefined, "invalid api key")).toBe("auth");
    expect(classOfResponse(400, "content_policy_violation", "unsupported")).toBe("content_filter");
  });

  it("reads 400, 422 and the 5xx other than 502, 503 and 504", () => {
    expect([400, 422, 500, 501, 505].every(bodyJudgesRequest)).toBe(true);
    expect([401, 404, 429, 502, 503, 504].some(bodyJudgesRequest)).toBe(false);
  });
});
