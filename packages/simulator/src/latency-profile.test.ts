import { describe, expect, it } from "vitest";
import { latencyFor } from "./latency-profile.js";

describe("latencyFor", () => {
  it("adds base, per-token time and jitter", () => {
    expect(latencyFor({ baseMs: 300, perOutputTokenMs: 0.5, jitterMs: 100 }, 200, () => 0.5)).toBe(450);
    expect(latencyFor({ baseMs: 20 }, 10_000, () => 0.99)).toBe(20);
  });
});
