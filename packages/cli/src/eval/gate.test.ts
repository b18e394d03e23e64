import { describe, expect, it } from "vitest";
import { compareRuns, defaultThresholds, metricChange } from "./gate.js";
import type { RouteMetrics } from "./metrics/route-metrics.js";

const limits = defaultThresholds();
const value = (key: Parameters<typeof metricChange>[0], number: number | null) => ({ key, value: number });

describe("the gate", () => {
  it("fails an accuracy drop past the limit and passes one within it", () => {
    expect(metricChange("accuracy", value("accuracy", 0.9), value("accuracy", 0.87), limits).regressed).toBe(true);
    expect(metricChange("accuracy", value("accuracy", 0.9), value("accuracy", 0.885), limits).regressed).toBe(false);
    expect(metricChange("accuracy", value("accuracy", 0.9), value("accuracy", 0.95), limits).regressed).toBe(false);
  });

  it("allows no false-safe increase by default", () => {
    const change = metricChange("false_safe_rate", value("false_safe_rate", 0), value("false_safe_rate", 0.01), limits);
    expect(change).toMatchObject({ regressed: true, rule: "maxFalseSafeIncrease", relative: Infinity });
    expect(
      metricChange("false_safe_rate", value("false_safe_rate", 0.1), value("false_safe_rate", 0.1), limits).regressed,
    ).toBe(false);
  });

  it("compares cost relatively, and a cost from zero as an infinite increase", () => {
    expect(metricChange("cost_usd", value("cost_usd", 1), value("cost_usd", 1.2), limits).regressed).toBe(false);
    expect(metricChange("cost_usd", value("cost_usd", 1), value("cost_usd", 1.3), limits)).toMatchObject({
      regressed: true,
      relative: expect.closeTo(0.3),
    });
    expect(metricChange("cost_usd", value("cost_usd", 0), value("cost_usd", 0.001), limits).regressed).toBe(true);
    expect(
      metricChange("cost_usd", value("cost_usd", 1), value("cost_usd", 2), { ...limits, maxCostIncrease: 1 }).regressed,
    ).toBe(false);
  });

  it("ignores latency changes under the noise floor", () => {
    expect(metricChange("p95_ms", value("p95_ms", 20), value("p95_ms", 60), limits).regressed).toBe(false);
    expect(metricChange("p95_ms", value("p95_ms", 100), value("p95_ms", 400), limits).regressed).toBe(true);
  });

  it("never gates unknown values or information-only metrics", () => {
    expect(metricChange("accuracy", value("accuracy", null), value("accuracy", 0), limits).regressed).toBe(false);
    expect(
      metricChange("escalation_rate", value("escalation_rate", 0), value("escalation_rate", 1), limits),
    ).toMatchObject({
      regressed: false,
      rule: undefined,
    });
  });

  it("lists every regression by route", () => {
    const run = (falseSafe: number, accuracy: number): RouteMetrics[] => [
      {
        route: "risk_judgement",
        kind: "risk",
        examples: 10,
        suiteErrors: 0,
        metrics: [value("false_safe_rate", falseSafe), value("accuracy", accuracy)],
      },
    ];
    const failed = compareRuns(run(0, 1), run(0.5, 0.7), limits);
    expect(failed.passed).toBe(false);
    expect(failed.regressions.map((entry) => [entry.route, entry.key])).toEqual([
      ["risk_judgement", "false_safe_rate"],
      ["risk_judgement", "accuracy"],
    ]);
    expect(compareRuns(run(0, 1), run(0, 1), limits).passed).toBe(true);
  });
});
