import { describe, expect, it } from "vitest";
import { interleavedOrder, quantile, quantileSorted, ratio, spread } from "./stats.js";

describe("bench statistics", () => {
  it("takes nearest-rank quantiles", () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(quantileSorted(values, 0.5)).toBe(50);
    expect(quantileSorted(values, 0.99)).toBe(99);
    expect(quantileSorted(values, 1)).toBe(100);
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });

  it("reports min, median and max over repeats", () => {
    expect(spread([5, 1, 3])).toEqual({ min: 1, median: 3, max: 5 });
    expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
  });

  it("rotates the variant order each repeat", () => {
    expect(interleavedOrder(["a", "b", "c"], 0)).toEqual(["a", "b", "c"]);
    expect(interleavedOrder(["a", "b", "c"], 1)).toEqual(["b", "c", "a"]);
    expect(interleavedOrder(["a", "b", "c"], 4)).toEqual(["b", "c", "a"]);
  });

  it("guards ratios against a zero baseline", () => {
    expect(ratio(2, 4)).toBe(0.5);
    expect(Number.isNaN(ratio(1, 0))).toBe(true);
  });
});
