import type { RouteRequest } from "@modelpolicy/core";
import type { FaultStack, Settled } from "./stack.js";

/**
 * Runs `count` routed calls through `stack` with at most `concurrency` in flight, bounded in
 * count and in time: calls not started by `deadlineMs` are not started. Returns every settlement.
 */
export async function runLoad(
  stack: FaultStack,
  task: string,
  count: number,
  request: (index: number) => RouteRequest,
  options: { concurrency?: number; deadlineMs?: number } = {},
): Promise<Settled[]> {
  const concurrency = options.concurrency ?? 32;
  const stopAt = performance.now() + (options.deadlineMs ?? 60_000);
  const settled: Settled[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count && performance.now() < stopAt) {
      const index = next;
      next += 1;
      settled[index] = await stack.call(task, request(index));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return settled;
}

/** Forces a full garbage collection; `--expose-gc` is switched on at runtime if needed. */
export async function collectGarbage(): Promise<void> {
  const { setFlagsFromString } = await import("node:v8");
  const { runInNewContext } = await import("node:vm");
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  for (let index = 0; index < 3; index += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
