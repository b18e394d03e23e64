import { describe, expect, it } from "vitest";
import { clientEndpoint } from "./client-endpoint.js";

describe("clientEndpoint", () => {
  it("takes the host and the URL's own port", () => {
    expect(clientEndpoint("http://127.0.0.1:8080/v1")).toEqual({ address: "127.0.0.1", port: 8080 });
  });

  it("resolves the port from the scheme when the URL names none", () => {
    expect(clientEndpoint("https://api.openai.com/v1")).toEqual({ address: "api.openai.com", port: 443 });
    expect(clientEndpoint("http://llm.internal/v1")).toEqual({ address: "llm.internal", port: 80 });
  });

  it("writes an IPv6 host without brackets", () => {
    expect(clientEndpoint("http://[::1]:11434/v1")).toEqual({ address: "::1", port: 11434 });
  });

  it("answers undefined for a base URL that does not parse", () => {
    expect(clientEndpoint("not a url")).toBeUndefined();
  });
});
