import { describe, expect, it } from "vitest";
import { clientEndpoint } from "./client-endpoint.js";

describe("clientEndpoint", () => {
  it("takes the port from the URL, or from its scheme", () => {
    expect(clientEndpoint("http://127.0.0.1:4010")).toEqual({ address: "127.0.0.1", port: 4010 });
    expect(clientEndpoint("https://api.anthropic.com")).toEqual({ address: "api.anthropic.com", port: 443 });
    expect(clientEndpoint("http://[::1]/v1")).toEqual({ address: "::1", port: 80 });
  });

  it("is undefined without a parsable base URL", () => {
    expect(clientEndpoint(undefined)).toBeUndefined();
    expect(clientEndpoint("not a url")).toBeUndefined();
  });
});
