import { quantileSorted } from "./stats.js";

/** What one sequential block measured. */
export interface SequentialBlock {
  readonly calls: number;
  readonly failures: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /** Client CPU (user + system, all threads) per call, µs, export flush included. */
  readonly cpuUsPerCall: number;
  /** Every call's latency (ms), when asked for, so blocks can be pooled. */
  readonly latencies?: number[];
}

/** Pools sequential blocks (e.g. the rounds of one repeat) into one block's statistics. */
export function poolSequential(blocks: readonly SequentialBlock[]): SequentialBlock {
  const latencies = blocks.flatMap((block) => block.latencies ?? []).sort((a, b) => a - b);
  const calls = blocks.reduce((sum, block) => sum + block.calls, 0);
  return {
    calls,
    failures: blocks.reduce((sum, block) => sum + block.failures, 0),
    p50Ms: quantileSorted(latencies, 0.5),
    p99Ms: quantileSorted(latencies, 0.99),
    meanMs: latencies.reduce((sum, value) => sum + value, 0) / latencies.length,
    cpuUsPerCall: blocks.reduce((sum, block) => sum + block.cpuUsPerCall * block.calls, 0) / calls,
  };
}

/** What one concurrent block measured. */
export interface ConcurrentBlock {
  readonly calls: number;
  readonly failures: number;
  readonly concurrency: number;
  readonly elapsedMs: number;
  readonly callsPerSecond: number;
  readonly cpuUsPerCall: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const cpuMicros = (usage: NodeJS.CpuUsage) => usage.user + usage.system;

/**
 * Runs `count` calls one after another, timing each; `flush` (the span export) runs inside the
 * CPU window, so a variant that defers work to its exporter still pays for it here.
 */
export async function runSequential(
  call: () => Promise<unknown>,
  count: number,
  flush?: () => Promise<void>,
  keepLatencies = false,
): Promise<SequentialBlock> {
  const latencies = new Float64Array(count);
  let failures = 0;
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    try {
      await call();
    } catch {
      failures += 1;
    }
    latencies[index] = performance.now() - started;
  }
  await flush?.();
  const cpu = cpuMicros(process.cpuUsage(cpuBefore));
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return {
    calls: count,
    failures,
    p50Ms: quantileSorted(sorted, 0.5),
    p99Ms: quantileSorted(sorted, 0.99),
    meanMs: sorted.reduce((sum, value) => sum + value, 0) / count,
    cpuUsPerCall: cpu / count,
    ...(keepLatencies ? { latencies: sorted } : {}),
  };
}

/**
 * Runs `count` calls with `concurrency` callers in flight (a closed loop), for throughput. Bounded
 * by count; `maxMs` stops issuing new calls early so a broken variant cannot run away.
 */
export async function runConcurrent(
  call: () => Promise<unknown>,
  count: number,
  concurrency: number,
  flush?: () => Promise<void>,
  maxMs = 60_000,
): Promise<ConcurrentBlock> {
  const latencies: number[] = [];
  let issued = 0;
  let failures = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + maxMs;
  const caller = async () => {
    while (issued < count && performance.now() < deadline) {
      issued += 1;
      const callStarted = performance.now();
      try {
        await call();
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - callStarted);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  const elapsedMs = performance.now() - started;
  await flush?.();
  const cpu = cpuMicros(process.cpuUsage(cpuBefore));
  latencies.sort((a, b) => a - b);
  return {
    calls: latencies.length,
    failures,
    concurrency,
    elapsedMs,
    callsPerSecond: (latencies.length / elapsedMs) * 1000,
    cpuUsPerCall: cpu / latencies.length,
    p50Ms: quantileSorted(latencies, 0.5),
    p99Ms: quantileSorted(latencies, 0.99),
  };
}
