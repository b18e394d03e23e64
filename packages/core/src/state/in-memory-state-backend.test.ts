import { describe, expect, it } from "vitest";
import { InMemoryStateBackend } from "./in-memory-state-backend.js";

/** A backend on a clock the test moves; it starts 10 s into a minute, hour and day. */
function backendAt(start = Date.UTC(2026, 10, 30, 12, 0, 10)) {
  let now = start;
  const backend = new InMemoryStateBackend({ now: () => now });
  return { backend, advance: (ms: number) => (now += ms) };
}

describe("InMemoryStateBackend", () => {
  it("grants requests up to rpm within a minute, refuses the next with the time until the window ends", () => {
    const { backend, advance } = backendAt();
    const limit = { rpm: 3 };
    expect([1, 2, 3].map(() => backend.acquire("openai/gpt-4.1", limit, 1, 100).granted)).toEqual([true, true, true]);
    advance(20_000);
    expect(backend.acquire("openai/gpt-4.1", limit, 1, 100)).toEqual({ granted: false, retryAfterMs: 30_000 });
    expect(backend.acquire("openai", limit, 1, 100).granted).toBe(true);
    advance(30_000);
    expect(backend.acquire("openai/gpt-4.1", limit, 1, 100).granted).toBe(true);
  });

  it("counts tokens against tpm and takes nothing when it refuses", () => {
    const { backend } = backendAt();
    const limit = { tpm: 1_000 };
    expect(backend.acquire("k", limit, 1, 700).granted).toBe(true);
    expect(backend.acquire("k", limit, 1, 400).granted).toBe(false);
    expect(backend.used("k")).toEqual({ requests: 1, tokens: 700 });
    expect(backend.acquire("k", limit, 1, 300).granted).toBe(true);
    expect(backend.acquire("k", { rpm: 2, tpm: 1_000 }, 1, 0).granted).toBe(false);
  });

  it("sums spend per policy and window and starts again in the next hour or day", () => {
    const { backend, advance } = backendAt();
    backend.addSpend("classify", "hour", 0.25);
    backend.addSpend("classify", "hour", 0.5);
    backend.addSpend("classify", "day", 1);
    backend.addSpend("extract", "hour", 2);
    expect(backend.readSpend("classify", "hour")).toBe(0.75);
    expect(backend.readSpend("classify", "day")).toBe(1);
    expect(backend.readSpend("unknown", "day")).toBe(0);
    advance(3_600_000);
    expect(backend.readSpend("classify", "hour")).toBe(0);
    expect(backend.readSpend("classify", "day")).toBe(1);
    advance(12 * 3_600_000);
    expect(backend.readSpend("classify", "day")).toBe(0);
  });

  it("reports a published open circuit until it reopens or is closed", () => {
    const { backend, advance } = backendAt();
    const start = Date.UTC(2026, 10, 30, 12, 0, 10);
    backend.publishBreaker("openai/gpt-4.1", start + 5_000);
    expect(backend.breakerOpenUntil("openai/gpt-4.1")).toBe(start + 5_000);
    expect(backend.breakerOpenUntil("openai/gpt-4o")).toBeUndefined();
    advance(5_000);
    expect(backend.breakerOpenUntil("openai/gpt-4.1")).toBeUndefined();
    backend.publishBreaker("openai/gpt-4.1", start + 60_000);
    backend.publishBreaker("openai/gpt-4.1", undefined);
    expect(backend.breakerOpenUntil("openai/gpt-4.1")).toBeUndefined();
  });
});
