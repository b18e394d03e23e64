import { ProviderError } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { unconfiguredAdapter } from "./unconfigured-adapter.js";

describe("unconfiguredAdapter", () => {
  it("fails every call with a non-retryable auth error that names what to set", async () => {
    const adapter = unconfiguredAdapter("anthropic", "ANTHROPIC_API_KEY");
    expect(adapter.provider).toBe("anthropic");
    const failure = await adapter
      .generate({
        model: "claude-sonnet-4-6",
        messages: [{ role: "user", content: "hi" }],
        maxOutputTokens: 10,
        signal: new AbortController().signal,
      })
      .catch((error: unknown) => error);
    expect(ProviderError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ errorClass: "auth", retryable: false, model: "claude-sonnet-4-6" });
    expect((failure as Error).message).toBe("anthropic is not configured for this run: set ANTHROPIC_API_KEY");
  });
});
