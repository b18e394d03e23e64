import { describe, expect, it } from "vitest";
import { CallDeadline } from "./call-deadline.js";

describe("CallDeadline", () => {
  it("aborts its signal and settles the in-flight race when the time is up", async () => {
    const deadline = new CallDeadline(20, performance.now(), undefined);
    try {
      await expect(deadline.race(new Promise(() => {}))).rejects.toThrow("deadline of 20 ms passed");
      expect(deadline.passed).toBe(true);
      expect(deadline.abortedByCaller).toBe(false);
      expect(await deadline.sleep(1)).toBe(false);
    } finally {
      deadline.dispose();
    }
  });

  it("ends a sleep early when the caller aborts, and says who ended the call", async () => {
    const caller = new AbortController();
    const deadline = new CallDeadline(60_000, performance.now(), caller.signal);
    try {
      const sleeping = deadline.sleep(60_000);
      caller.abort();
      expect(await sleeping).toBe(false);
      expect(deadline.abortedByCaller).toBe(true);
    } finally {
      deadline.dispose();
    }
  });

  it("is over at once when the caller's signal had already aborted, with the caller's reason", async () => {
    const caller = new AbortController();
    const reason = new Error("caller gave up");
    caller.abort(reason);
    const deadline = new CallDeadline(60_000, performance.now(), caller.signal);
    try {
      expect(deadline.passed).toBe(true);
      expect(deadline.abortedByCaller).toBe(true);
      expect(deadline.signal.reason).toBe(reason);
      await expect(deadline.race(Promise.resolve(1))).rejects.toBe(reason);
    } finally {
      deadline.dispose();
    }
  });

  it("interrupts the race in flight with its own reason and lets the call go on", async () => {
    const deadline = new CallDeadline(60_000, performance.now(), undefined);
    try {
      const raced = deadline.race(new Promise(() => {}));
      const idle = new Error("idle");
      deadline.interrupt(idle);
      await expect(raced).rejects.toBe(idle);
      expect(deadline.passed).toBe(false);
      await expect(deadline.race(Promise.resolve("next read"))).resolves.toBe("next read");
    } finally {
      deadline.dispose();
    }
  });

  it("stops listening to the caller's signal once disposed", async () => {
    const caller = new AbortController();
    const deadline = new CallDeadline(60_000, performance.now(), caller.signal);
    deadline.dispose();
    caller.abort(new Error("after the call"));
    expect(deadline.passed).toBe(false);
  });

  it("sleeps the full time while the call is live", async () => {
    const deadline = new CallDeadline(60_000, performance.now(), undefined);
    try {
      expect(await deadline.sleep(1)).toBe(true);
      expect(deadline.remainingMs()).toBeGreaterThan(0);
    } finally {
      deadline.dispose();
    }
  });
});
