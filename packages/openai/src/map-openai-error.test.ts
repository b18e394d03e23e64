import { ProviderError } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { classOfStatus } from "./classify-request-error.js";
import { mapOpenAIError } from "./map-openai-error.js";

const signal = new AbortController().signal;

/** Stand-ins named like the SDK's classes; the mapper reads names and fields, never instanceof. */
class APIError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly headers: unknown,
    readonly code: string | null = null,
  ) {
    super(`${status} status code`);
  }
}
class APIConnectionError extends APIError {}
class APIConnectionTimeoutError extends APIConnectionError {}
class APIUserAbortError extends APIError {}
class FetchError extends Error {
  readonly type = "invalid-json";
}

describe("mapOpenAIError", () => {
  it("maps a 503 whose headers are a plain object (openai 4) with its Retry-After", () => {
    const error = mapOpenAIError(new APIError(503, { "retry-after": "2" }), "m", signal);
    expect(error).toMatchObject({ errorClass: "server_error", status: 503, retryable: true, retryAfterMs: 2_000 });
  });

  it("maps a 429 whose headers are a Headers object (openai 5+)", () => {
    const headers = new Headers({ "retry-after-ms": "120" });
    const error = mapOpenAIError(new APIError(429, headers, "rate_limit_exceeded"), "m", signal);
    expect(error).toMatchObject({ errorClass: "rate_limit", retryAfterMs: 120 });
  });

  it("maps a status error without headers", () => {
    expect(mapOpenAIError(new APIError(500, undefined), "m", signal)).toMatchObject({
      errorClass: "server_error",
      retryAfterMs: undefined,
    });
  });

  it("recognises connection, timeout and abort classes, subclasses included", () => {
    expect(mapOpenAIError(new APIConnectionError(undefined, undefined), "m", signal).errorClass).toBe("connection");
    expect(mapOpenAIError(new APIConnectionTimeoutError(undefined, undefined), "m", signal).errorClass).toBe("timeout");
    expect(mapOpenAIError(new APIUserAbortError(undefined, undefined), "m", signal)).toMatchObject({
      errorClass: "aborted",
      retryable: false,
    });
    class HostConnectionError extends APIConnectionError {}
    expect(mapOpenAIError(new HostConnectionError(undefined, undefined), "m", signal).errorClass).toBe("connection");
  });

  it("calls anything that failed after the signal aborted an abort", () => {
    const controller = new AbortController();
    controller.abort();
    expect(mapOpenAIError(new Error("boom"), "m", controller.signal).errorClass).toBe("aborted");
  });

  it("maps unreadable bodies (SyntaxError, openai 4's node-fetch FetchError) to server_error", () => {
    expect(mapOpenAIError(new SyntaxError("Unexpected end"), "m", signal).errorClass).toBe("server_error");
    expect(mapOpenAIError(new FetchError("invalid json response body"), "m", signal).errorClass).toBe("server_error");
  });

  it("keeps a ProviderError and maps anything else to a non-retryable unknown", () => {
    const own = new ProviderError({ errorClass: "timeout", message: "deadline" });
    expect(mapOpenAIError(own, "m", signal)).toBe(own);
    expect(mapOpenAIError("a string", "m", signal)).toMatchObject({ errorClass: "unknown", retryable: false });
  });
});

describe("classOfStatus", () => {
  it.each([
    [400, undefined, "bad_request"],
    [400, "context_length_exceeded", "context_length"],
    [400, "content_policy_violation", "content_filter"],
    [401, undefined, "auth"],
    [403, undefined, "auth"],
    [404, undefined, "not_found"],
    [408, undefined, "timeout"],
    [409, undefined, "conflict"],
    [413, undefined, "context_length"],
    [418, undefined, "bad_request"],
    [422, undefined, "bad_request"],
    [429, undefined, "rate_limit"],
    [503, undefined, "server_error"],
  ] as const)("%i with code %s is %s", (status, code, errorClass) => {
    expect(classOfStatus(status, code)).toBe(errorClass);
  });
});
