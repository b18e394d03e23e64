import { describe, expect, it } from "vitest";
import { FaultScript } from "./fault-script.js";

describe("FaultScript", () => {
  it("applies a model's faults in order, counted, then lets requests through", () => {
    const script = new FaultScript([
      { model: "fast", kind: "rate_limit", retryAfterMs: 200, times: 1 },
      { model: "strong", kind: "outage", times: 2 },
    ]);
    const first = script.next("fast");
    expect(first).toMatchObject({ kind: "rate_limit", status: 429, retryAfterMs: 200, delayMs: 15 });
    expect(first?.message).toMatch(/^SIMULATED rate limit for fast/);
    expect(script.next("fast")).toBeUndefined();
    expect(script.next("strong")).toMatchObject({ kind: "outage", status: 503 });
    expect(script.next("strong")?.kind).toBe("outage");
    expect(script.next("strong")).toBeUndefined();
    expect(script.counts()).toEqual([
      { model: "fast", kind: "rate_limit", injected: 1 },
      { model: "strong", kind: "outage", injected: 2 },
    ]);
  });

  it("starts a fault after the given number of requests and matches any model with *", () => {
    const script = new FaultScript([{ model: "*", kind: "reset", after: 2 }]);
    expect(script.next("a")).toBeUndefined();
    expect(script.next("a")).toBeUndefined();
    expect(script.next("b")).toBeUndefined();
    expect(script.next("a")).toMatchObject({ kind: "reset", status: undefined });
    expect(script.next("a")).toBeUndefined();
  });

  it("keeps an endless outage going", () => {
    const script = new FaultScript([{ model: "strong", kind: "outage", status: 500, times: Number.POSITIVE_INFINITY }]);
    for (let index = 0; index < 50; index += 1) expect(script.next("strong")?.status).toBe(500);
  });
});
