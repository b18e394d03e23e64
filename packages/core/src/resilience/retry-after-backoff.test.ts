import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors/provider-error.js";
import { RetryAfterBackoff } from "./retry-after-backoff.js";

describe("RetryAfterBackoff", () => {
  it("waits what the provider asked for when it sent Retry-After", () => {
    const backoff = new RetryAfterBackoff(100, 1_000, () => 0.5);
    const error = new ProviderError({ errorClass: "rate_limit", message: "slow down", retryAfterMs: 2_500 });
    expect(backoff.delayMs(1, error)).toBe(2_500);
  });

  it("doubles from the base with full jitter and stops at the cap", () => {
    const backoff = new RetryAfterBackoff(100, 1_000, () => 1);
    const error = new ProviderError({ errorClass: "server_error", message: "503" });
    expect([1, 2, 3, 4, 5].map((retry) => backoff.delayMs(retry, error))).toEqual([100, 200, 400, 800, 1_000]);
    const jittered = new RetryAfterBackoff(100, 1_000, () => 0.25);
    expect(jittered.delayMs(3, error)).toBe(100);
  });
});
