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
