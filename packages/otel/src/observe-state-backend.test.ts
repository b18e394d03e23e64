import {
  METRIC_MODEL_POLICY_STATE_LOCAL_DECISIONS,
  METRIC_MODEL_POLICY_STATE_OUTAGES,
} from "@modelpolicy/core/conventions";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { observeStateBackend } from "./observe-state-backend.js";

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  await harness.close();
});

describe("observeStateBackend", () => {
  it("reports the backend's outages and local decisions as it counts them at collection", async () => {
    const counts = { outages: 0, localDecisions: 0 };
    observeStateBackend({ stats: () => counts }, { meterProvider: harness.meterProvider });
    counts.outages = 1;
    counts.localDecisions = 17;
    expect((await harness.points(METRIC_MODEL_POLICY_STATE_OUTAGES)).map((point) => point.value)).toEqual([1]);
    expect((await harness.points(METRIC_MODEL_POLICY_STATE_LOCAL_DECISIONS)).map((point) => point.value)).toEqual([17]);
    expect((await harness.descriptor(METRIC_MODEL_POLICY_STATE_OUTAGES))?.unit).toBe("{outage}");
  });

  it("skips a collection whose stats throw, and stops observing when asked", async () => {
    let failing = true;
    let outages = 2;
    const stop = observeStateBackend(
      {
        stats: () => {
          if (failing) throw new Error("backend gone");
          return { outages, localDecisions: 3 };
        },
      },
      { meterProvider: harness.meterProvider },
    );
    expect(await harness.points(METRIC_MODEL_POLICY_STATE_OUTAGES)).toEqual([]);
    failing = false;
    expect((await harness.points(METRIC_MODEL_POLICY_STATE_OUTAGES)).map((point) => point.value)).toEqual([2]);
    stop();
    outages = 5;
    const after = await harness.points(METRIC_MODEL_POLICY_STATE_OUTAGES);
    expect(after.map((point) => point.value)).not.toContain(5);
  });
});
