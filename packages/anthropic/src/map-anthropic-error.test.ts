import { ProviderError } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { classOfStatus, mapAnthropicError } from "./map-anthropic-error.js";

const signal = new AbortController().signal;

/** Stand-ins named like the SDK's classes; the mapper reads names and fields, never instanceof. */
class APIError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly headers: unknown,
    readonly error: unknown = undefined,
  ) {
    super(`${status} ${JSON.stringify(error)}`);
  }
}
class APIConnectionError extends APIError {}
class APIConnectionTimeoutError extends APIConnectionError {}
class APIUserAbortError extends APIError {}

const body = (type: string, message: string) => ({ type: "error", error: { type, message } });

describe("mapAnthropicError", () => {
  it("maps a 529 overloaded_error to a retryable server_error with the body's type and message", () => {
    const error = mapAnthropicError(
      new APIError(529, new Headers({ "retry-after": "2" }), body("overloaded_error", "Overloaded")),
      "claude-haiku-4-5",
      signal,
    );
    expect(error).toMatchObject({
      errorClass: "server_error",
      status: 529,
      retryable: true,
      retryAfterMs: 2_000,
      model: "claude-haiku-4-5",
      message: "529 overloaded_error: Overloaded",
    });
  });

  it("reads retry headers from a plain record as well as a Headers object", () => {
    const error = mapAnthropicError(new APIError(429, { "Retry-After-Ms": "120" }), "m", signal);
    expect(error).toMatchObject({ errorClass: "rate_limit", retryAfterMs: 120 });
    expect(mapAnthropicError(new APIError(500, undefined), "m", signal).retryAfterMs).toBeUndefined();
  });

  it("recognises connection, timeout and abort classes, subclasses included", () => {
    expect(mapAnthropicError(new APIConnectionError(undefined, undefined), "m", signal).errorClass).toBe("connection");
    expect(mapAnthropicError(new APIConnectionTimeoutError(undefined, undefined), "m", signal).errorClass).toBe(
      "timeout",
    );
    expect(mapAnthropicError(new APIUserAbortError(undefined, undefined), "m", signal)).toMatchObject({
      errorClass: "aborted",
      retryable: false,
    });
    class GatewayConnectionError extends APIConnectionError {}
    expect(mapAnthropicError(new GatewayConnectionError(undefined, undefined), "m", signal).errorClass).toBe(
      "connection",
    );
  });

  it("calls anything that failed after the signal aborted an abort", () => {
    const controller = new AbortController();
    controller.abort();
    expect(mapAnthropicError(new Error("boom"), "m", controller.signal).errorClass).toBe("aborted");
  });

  it("adds what to change to a refused temperature and to the SDK's streaming refusal", () => {
    const refused = mapAnthropicError(
      new APIError(400, new Headers(), body("invalid_request_error", "temperature: Extra inputs are not permitted")),
      "m",
      signal,
    );
    expect(refused).toMatchObject({ errorClass: "bad_request", retryable: false });
    expect(refused.message).toContain("sendTemperature: false");
    const streaming = mapAnthropicError(
      new Error("Streaming is required for operations that may take longer than 10 minutes."),
      "m",
      signal,
    );
    expect(streaming).toMatchObject({ errorClass: "bad_request", retryable: false });
    expect(streaming.message).toContain("set `timeout` on the Anthropic client");
  });

  it("maps an unreadable body to server_error, keeps a ProviderError and calls anything else unknown", () => {
    expect(mapAnthropicError(new SyntaxError("Unexpected end"), "m", signal).errorClass).toBe("server_error");
    const own = new ProviderError({ errorClass: "timeout", message: "deadline" });
    expect(mapAnthropicError(own, "m", signal)).toBe(own);
    expect(mapAnthropicError("a string", "m", signal)).toMatchObject({ errorClass: "unknown", retryable: false });
  });
});

describe("classOfStatus", () => {
  it.each([
    [400, "messages: Field required", "bad_request"],
    [400, "prompt is too long: 210342 tokens > 200000 maximum", "context_length"],
    [400, "input length and `max_tokens` exceed context limit: 197232 + 21333 > 200000", "context_length"],
    [401, "", "auth"],
    [402, "", "auth"],
    [403, "", "auth"],
    [404, "", "not_found"],
    [408, "", "timeout"],
    [409, "", "conflict"],
    [413, "", "context_length"],
    [418, "", "bad_request"],
    [422, "", "bad_request"],
    [429, "", "rate_limit"],
    [500, "", "server_error"],
    [504, "", "server_error"],
    [529, "Overloaded", "server_error"],
  ] as const)("%i with message %j is %s", (status, message, errorClass) => {
    expect(classOfStatus(status, message)).toBe(errorClass);
  });
});
