import { describe, expect, it } from "vitest";
import { settleWithin } from "./settle-within.js";

describe("settleWithin", () => {
  it("answers true for work that settles in time, rejected work included", async () => {
    await expect(settleWithin(Promise.resolve("done"), 1_000)).resolves.toBe(true);
    await expect(settleWithin(Promise.reject(new Error("exporter down")), 1_000)).resolves.toBe(true);
  });

  it("answers false once the time runs out on work that never settles", async () => {
    await expect(settleWithin(new Promise(() => {}), 5)).resolves.toBe(false);
  });
});
