import type { AttemptCall, AttemptRecord } from "@modelpolicy/core";
import type { Attributes } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { endpointOf, providerEndAttributes, providerStartAttributes } from "./provider-attributes.js";

/** An attempt as core hands it to middleware, plus whatever facts a test adds on top. */
function attempt(provider: string, extra: Record<string, unknown> = {}): AttemptCall {
  return {
    call: {} as AttemptCall["call"],
    index: 1,
    kind: "primary",
    provider,
    model: "gpt-4.1",
    tier: "standard",
    request: { model: "gpt-4.1", messages: [], maxOutputTokens: 100 },
    ...extra,
  } as AttemptCall;
}

const started = (call: AttemptCall) => {
  const attributes: Attributes = {};
  providerStartAttributes(call, attributes);
  return attributes;
};

describe("provider attributes of an attempt", () => {
  it("sets server.address and server.port from the endpoint the attempt carries, for any provider", () => {
    expect(started(attempt("anthropic", { endpoint: { address: "api.anthropic.com", port: 443 } }))).toEqual({
      "server.address": "api.anthropic.com",
      "server.port": 443,
    });
    expect(started(attempt("local", { endpoint: { address: "127.0.0.1" } }))).toEqual({
      "server.address": "127.0.0.1",
    });
  });

  it("ignores an endpoint it cannot use, and an attempt without one", () => {
    expect(started(attempt("local"))).toEqual({});
    expect(endpointOf(attempt("local", { endpoint: { address: "", port: 443 } }))).toBeUndefined();
    expect(endpointOf(attempt("local", { endpoint: { address: 7 } }))).toBeUndefined();
    expect(endpointOf(attempt("local", { endpoint: { address: "h", port: "443" } }))).toEqual({
      address: "h",
      port: undefined,
    });
  });

  it("gives OpenAI attempts openai.api.type, chat_completions unless the attempt names its API", () => {
    expect(started(attempt("openai"))).toEqual({ "openai.api.type": "chat_completions" });
    expect(started(attempt("openai", { api: "responses" }))["openai.api.type"]).toBe("responses");
  });

  it("sets openai.request.service_tier only for a tier other than auto", () => {
    const request = (serviceTier: string) => ({
      request: { model: "gpt-4.1", messages: [], maxOutputTokens: 100, serviceTier },
    });
    expect(started(attempt("openai", request("flex")))["openai.request.service_tier"]).toBe("flex");
    expect(started(attempt("openai", request("auto")))).not.toHaveProperty("openai.request.service_tier");
  });

  it("reads the response's service tier and system fingerprint from an OpenAI attempt's record only", () => {
    const record = { serviceTier: "default", systemFingerprint: "fp_44709d6fcb" } as unknown as AttemptRecord;
    const ended = (provider: string) => {
      const attributes: Attributes = {};
      providerEndAttributes(attempt(provider), record, attributes);
      return attributes;
    };
    expect(ended("openai")).toEqual({
      "openai.response.service_tier": "default",
      "openai.response.system_fingerprint": "fp_44709d6fcb",
    });
    expect(ended("anthropic")).toEqual({});
  });
});
