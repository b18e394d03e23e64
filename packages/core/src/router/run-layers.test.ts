import { describe, expect, it } from "vitest";
import { type Layer, runLayers } from "./run-layers.js";

function harness() {
  const log: string[] = [];
  const reports: { message: string; error: unknown }[] = [];
  let innerRuns = 0;
  const inner = async () => {
    innerRuns += 1;
    log.push("inner");
    return "the answer";
  };
  const report = (message: string, error?: unknown) => reports.push({ message, error });
  return { log, reports, inner, report, innerRuns: () => innerRuns };
}

describe("runLayers", () => {
  it("runs the first layer outermost, each around the next", async () => {
    const { log, inner, report } = harness();
    const layer =
      (name: string): Layer<string> =>
      async (next) => {
        log.push(`${name} in`);
        await next();
        log.push(`${name} out`);
      };
    await expect(runLayers([layer("a"), layer("b")], inner, report, "onCall")).resolves.toBe("the answer");
    expect(log).toEqual(["a in", "b in", "inner", "b out", "a out"]);
  });

  it("returns what inner produced whatever a layer returns", async () => {
    const { inner, report } = harness();
    const replacing: Layer<string> = async (next) => {
      await next();
      return "something else";
    };
    await expect(runLayers([replacing], inner, report, "onCall")).resolves.toBe("the answer");
  });

  it.each([
    ["throws before next", () => Promise.reject(new Error("boom"))],
    [
      "throws synchronously",
      () => {
        throw new Error("sync boom");
      },
    ],
    [
      "throws after next",
      async (next: () => Promise<string>) => {
        await next();
        throw new Error("boom");
      },
    ],
  ])("reports a layer that %s and still returns inner's value", async (_name, layer: Layer<string>) => {
    const { inner, report, reports, innerRuns } = harness();
    await expect(runLayers([layer], inner, report, "onAttempt")).resolves.toBe("the answer");
    expect(innerRuns()).toBe(1);
    expect(reports.map((entry) => entry.message)).toEqual(["middleware failed in onAttempt; the call goes on"]);
    expect(reports[0]?.error).toBeInstanceOf(Error);
  });

  it("runs inner once for a layer that calls next twice", async () => {
    const { inner, report, reports, innerRuns } = harness();
    const twice: Layer<string> = async (next) => {
      const first = await next();
      const second = await next();
      expect(second).toBe(first);
    };
    await expect(runLayers([twice], inner, report, "onCall")).resolves.toBe("the answer");
    expect(innerRuns()).toBe(1);
    expect(reports).toEqual([]);
  });

  it("runs inner anyway, once, for a layer that never calls next, and reports it", async () => {
    const { inner, report, reports, innerRuns } = harness();
    const skipping: Layer<string> = async () => "cached";
    await expect(runLayers([skipping, skipping], inner, report, "onCall")).resolves.toBe("the answer");
    expect(innerRuns()).toBe(1);
    expect(reports.map((entry) => entry.message)).toEqual([
      "middleware did not call next in onCall; the call runs without it",
      "middleware did not call next in onCall; the call runs without it",
    ]);
  });

  it("passes inner's rejection through; rethrowing it is not a failure, throwing something else is", async () => {
    const { report, reports } = harness();
    const rejection = new Error("provider down");
    const failing = async () => Promise.reject(rejection);
    const rethrowing: Layer<string> = async (next) => next();
    await expect(runLayers([rethrowing], failing, report, "onCall")).rejects.toBe(rejection);
    expect(reports).toEqual([]);
    const replacing: Layer<string> = async (next) => {
      await next().catch(() => {});
      throw new Error("wrapped");
    };
    await expect(runLayers([replacing], failing, report, "onCall")).rejects.toBe(rejection);
    expect(reports.map((entry) => (entry.error as Error).message)).toEqual(["wrapped"]);
  });
});
