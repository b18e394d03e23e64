import { describe, expect, it } from "vitest";
import { InFlightAbort } from "./in-flight-abort.js";

describe("InFlightAbort", () => {
  it("passes the adapter's value and rejection through while the signal is live", async () => {
    const inFlight = new InFlightAbort(new AbortController().signal);
    await expect(inFlight.race(Promise.resolve("answer"))).resolves.toBe("answer");
    const failure = new Error("provider down");
    await expect(inFlight.race(Promise.reject(failure))).rejects.toBe(failure);
  });

  it("settles a hanging call with the signal's reason once fired, absorbing the late rejection", async () => {
    const controller = new AbortController();
    const inFlight = new InFlightAbort(controller.signal);
    let rejectLate: (error: unknown) => void = () => {};
    const hanging = new Promise<string>((_, reject) => {
      rejectLate = reject;
    });
    const raced = inFlight.race(hanging);
    const reason = new Error("deadline passed");
    controller.abort(reason);
    inFlight.fire();
    await expect(raced).rejects.toBe(reason);
    rejectLate(new Error("late"));
    await new Promise((resolve) => setImmediate(resolve));
  });

  it("rejects at once when the signal has already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    const inFlight = new InFlightAbort(controller.signal);
    await expect(inFlight.race(Promise.resolve(1))).rejects.toThrow("gone");
  });

  it("does nothing when fired with no call in flight", async () => {
    const inFlight = new InFlightAbort(new AbortController().signal);
    await inFlight.race(Promise.resolve(1));
    expect(() => inFlight.fire()).not.toThrow();
  });
});
