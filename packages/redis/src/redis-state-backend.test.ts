import { afterEach, describe, expect, it, vi } from "vitest";
import { redisStateBackend } from "./redis-state-backend.js";

/** A client whose every command never answers, like a Redis that is stopped or unreachable behind a queue. */
const hanging = { sendCommand: () => new Promise<unknown>(() => undefined) };
/** A client whose every command fails, like one whose connection is refused. */
const refusing = {
  sendCommand: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")),
};

afterEach(() => {
  vi.useRealTimers();
});

describe("redisStateBackend when Redis does not answer", () => {
  it("settles a call that needs a lease after the command timeout, on the replica's local share", async () => {
    vi.useFakeTimers();
    const warnings: string[] = [];
    const backend = redisStateBackend(hanging, {
      commandTimeoutMs: 50,
      replicas: 2,
      onDiagnostic: (message) => warnings.push(message),
    });
    let settled: unknown;
    const decision = Promise.resolve(backend.acquire("openai/gpt-4.1", { rpm: 10 }, 1, 100)).then((value) => {
      settled = value;
      return value;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(await decision).toEqual({ granted: true });
    // Later calls no longer wait at all: the backend decides locally until Redis answers.
    const later = backend.acquire("openai/gpt-4.1", { rpm: 10 }, 1, 100);
    expect(later).toEqual({ granted: true });
    expect(backend.stats()).toMatchObject({ redisUp: false, outages: 1, localDecisions: 2 });
    expect(warnings).toHaveLength(1);
    const closing = backend.close();
    await vi.advanceTimersByTimeAsync(50);
    await closing;
  });

  it("holds each replica to its share of the limit, warns once, and keeps spend and circuits locally", async () => {
    const warnings: string[] = [];
    const backend = redisStateBackend(refusing, {
      replicas: 4,
      refreshIntervalMs: 10,
      onDiagnostic: (message) => warnings.push(message),
    });
    const decisions = [];
    for (let call = 0; call < 8; call += 1) decisions.push(await backend.acquire("openai", { rpm: 20 }, 1, 0));
    expect(decisions.map((decision) => decision.granted)).toEqual([true, true, true, true, true, false, false, false]);
    backend.addSpend("classify", "day", 0.5);
    backend.addSpend("classify", "day", 0.25);
    backend.publishBreaker("openai/gpt-4.1", Date.now() + 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.readSpend("classify", "day")).toBe(0.75);
    expect(backend.breakerOpenUntil("openai/gpt-4.1")).toBeGreaterThan(Date.now());
    expect(warnings).toEqual([expect.stringMatching(/^Redis is out of reach/)]);
    expect(backend.stats().outages).toBe(1);
    await backend.close();
  });
});
