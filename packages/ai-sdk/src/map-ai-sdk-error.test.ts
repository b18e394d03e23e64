import {
  APICallError,
  InvalidPromptError,
  JSONParseError,
  LoadAPIKeyError,
  LoadSettingError,
  NoContentGeneratedError,
  NoSuchModelError,
  UnsupportedFunctionalityError,
} from "@ai-sdk/provider";
import { type ErrorClass, ProviderError } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { classOfStatus } from "./class-of-status.js";
import { isApiCallError, mapAiSdkError } from "./map-ai-sdk-error.js";

const live = new AbortController().signal;

function apiCallError(init: Partial<ConstructorParameters<typeof APICallError>[0]> = {}): APICallError {
  return new APICallError({ message: "failed", url: "http://127.0.0.1/v1", requestBodyValues: {}, ...init });
}

describe("mapAiSdkError: APICallError", () => {
  it.each([
    [400, "bad_request", false],
    [401, "auth", false],
    [402, "auth", false],
    [403, "auth", false],
    [404, "not_found", false],
    [408, "timeout", true],
    [409, "conflict", true],
    [413, "context_length", false],
    [422, "bad_request", false],
    [429, "rate_limit", true],
    [500, "server_error", true],
    [503, "server_error", true],
    [529, "server_error", true],
  ] as const)("maps status %i to %s with the SDK's isRetryable (%s)", (statusCode, errorClass, retryable) => {
    const error = mapAiSdkError(apiCallError({ statusCode }), "m", live);
    expect(error).toMatchObject({ errorClass, retryable, status: statusCode, model: "m" });
    expect(error.cause).toBeInstanceOf(APICallError);
  });

  it("keeps the provider's isRetryable when it differs from the class's default", () => {
    expect(mapAiSdkError(apiCallError({ statusCode: 500, isRetryable: false }), "m", live).retryable).toBe(false);
    expect(mapAiSdkError(apiCallError({ statusCode: 400, isRetryable: true }), "m", live).retryable).toBe(true);
  });

  it("reads a context overrun or a content policy from the response body of a 400", () => {
    const context = apiCallError({
      statusCode: 400,
      responseBody:
        '{"error":{"message":"This model\'s maximum context length is 8192 tokens","code":"context_length_exceeded"}}',
    });
    expect(mapAiSdkError(context, "m", live).errorClass).toBe("context_length");
    const policy = apiCallError({ statusCode: 400, responseBody: '{"error":{"code":"content_policy_violation"}}' });
    expect(mapAiSdkError(policy, "m", live).errorClass).toBe("content_filter");
  });

  it("reads retry-after-ms before retry-after, and retry-after as seconds or an HTTP date", () => {
    const headers = (responseHeaders: Record<string, string>) =>
      mapAiSdkError(apiCallError({ statusCode: 429, responseHeaders }), "m", live).retryAfterMs;
    expect(headers({ "retry-after-ms": "15", "retry-after": "9" })).toBe(15);
    expect(headers({ "Retry-After": "2" })).toBe(2_000);
    expect(headers({})).toBeUndefined();
    const date = new Date(Date.now() + 60_000).toUTCString();
    expect(headers({ "retry-after": date })).toBeGreaterThan(55_000);
  });

  it("keeps the message and at most 500 characters of the response body", () => {
    const body = `{"error":"${"x".repeat(2_000)}"}`;
    const error = mapAiSdkError(
      apiCallError({ message: "Bad gateway", statusCode: 502, responseBody: body }),
      "m",
      live,
    );
    expect(error.message).toMatch(/^Bad gateway \(HTTP 502; response body: \{"error":"x+… \(2012 characters\)\)$/);
    expect(error.message.length).toBeLessThan(600);
  });

  it("maps an unreadable successful body (the SDK's 200 APICallError) to a retryable server_error", () => {
    const error = mapAiSdkError(apiCallError({ message: "Invalid JSON response", statusCode: 200 }), "m", live);
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true, status: 200 });
  });

  it("maps an APICallError without a status to connection, timeout by its cause, aborted after an abort", () => {
    const refused = apiCallError({ message: "Cannot connect to API: connect ECONNREFUSED", isRetryable: true });
    expect(mapAiSdkError(refused, "m", live)).toMatchObject({ errorClass: "connection", retryable: true });
    const cause = Object.assign(new Error("Connect Timeout Error"), { code: "UND_ERR_CONNECT_TIMEOUT" });
    expect(mapAiSdkError(apiCallError({ cause }), "m", live).errorClass).toBe("timeout");
    const controller = new AbortController();
    controller.abort();
    expect(mapAiSdkError(refused, "m", controller.signal)).toMatchObject({ errorClass: "aborted", retryable: false });
  });

  it("recognises an APICallError of another installed copy by its Symbol.for marker alone", () => {
    const foreign = Object.assign(new Error("Too Many Requests"), {
      [Symbol.for("vercel.ai.error")]: true,
      [Symbol.for("vercel.ai.error.AI_APICallError")]: true,
      statusCode: 429,
      responseHeaders: { "retry-after": "1" },
      isRetryable: true,
    });
    expect(isApiCallError(foreign)).toBe(true);
    expect(mapAiSdkError(foreign, "m", live)).toMatchObject({ errorClass: "rate_limit", retryAfterMs: 1_000 });
    // The same fields without the marker are not trusted as an API call error.
    const { [Symbol.for("vercel.ai.error.AI_APICallError")]: _marker, ...unmarked } = foreign;
    expect(isApiCallError(unmarked)).toBe(false);
  });
});

describe("mapAiSdkError: other errors", () => {
  it.each([
    ["LoadAPIKeyError", new LoadAPIKeyError({ message: "OpenAI API key is missing" }), "auth", false],
    ["LoadSettingError", new LoadSettingError({ message: "resourceName is missing" }), "bad_request", false],
    ["InvalidPromptError", new InvalidPromptError({ prompt: [], message: "empty" }), "bad_request", false],
    [
      "UnsupportedFunctionalityError",
      new UnsupportedFunctionalityError({ functionality: "json response format" }),
      "bad_request",
      false,
    ],
    ["NoSuchModelError", new NoSuchModelError({ modelId: "x", modelType: "languageModel" }), "not_found", false],
    ["JSONParseError", new JSONParseError({ text: "{", cause: new SyntaxError("end") }), "server_error", true],
    ["NoContentGeneratedError", new NoContentGeneratedError(), "server_error", true],
  ] as [string, Error, ErrorClass, boolean][])("maps %s to %s", (_name, error, errorClass, retryable) => {
    expect(mapAiSdkError(error, "m", live)).toMatchObject({ errorClass, retryable, message: error.message });
  });

  it("maps AbortError to aborted and TimeoutError to timeout", () => {
    const abort = new DOMException("This operation was aborted", "AbortError");
    expect(mapAiSdkError(abort, "m", live)).toMatchObject({ errorClass: "aborted", retryable: false });
    const timeout = new DOMException("The operation timed out", "TimeoutError");
    expect(mapAiSdkError(timeout, "m", live)).toMatchObject({ errorClass: "timeout", retryable: true });
  });

  it("maps a socket error in a cause chain to connection, anything else to a non-retryable unknown", () => {
    const reset = new TypeError("fetch failed", {
      cause: Object.assign(new Error("other side closed"), { code: "ECONNRESET" }),
    });
    expect(mapAiSdkError(reset, "m", live).errorClass).toBe("connection");
    const nodeError = Object.assign(new Error("bad argument"), { code: "ERR_INVALID_ARG_TYPE" });
    expect(mapAiSdkError(nodeError, "m", live)).toMatchObject({ errorClass: "unknown", retryable: false });
    expect(mapAiSdkError("boom", "m", live)).toMatchObject({ errorClass: "unknown", message: "boom" });
  });

  it("passes a ProviderError through unchanged", () => {
    const original = new ProviderError({ errorClass: "output_limit", message: "cut" });
    expect(mapAiSdkError(original, "m", live)).toBe(original);
  });
});

describe("classOfStatus", () => {
  it("reads Anthropic's and Bedrock's context-length wording on a 400 or 413, but not on other statuses", () => {
    expect(classOfStatus(400, "prompt is too long: 210342 tokens > 200000 maximum")).toBe("context_length");
    expect(classOfStatus(400, "Input is too long for requested model.")).toBe("context_length");
    expect(classOfStatus(413, "")).toBe("context_length");
    expect(classOfStatus(500, "prompt is too long")).toBe("server_error");
    expect(classOfStatus(418)).toBe("bad_request");
  });
});
