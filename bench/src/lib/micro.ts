import { quantileSorted } from "./stats.js";

/** ns/op over batches: min, median and p99 of the per-batch means. */
export interface MicroStats {
  readonly minNs: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly batches: number;
  readonly opsPerBatch: number;
}

/**
 * Times a synchronous operation in batches long enough (≥ `batchMs`) that timer resolution and
 * per-iteration bookkeeping vanish: sub-microsecond operations are what B2 must show, and
 * per-call timing would measure the timer instead. The result is kept alive so it is not
 * optimised away.
 */
export function timeSync(operation: () => unknown, options: { batchMs?: number; batches?: number } = {}): MicroStats {
  const batchMs = options.batchMs ?? 5;
  const batches = options.batches ?? 40;
  let sink: unknown;
  let opsPerBatch = 1;
  for (;;) {
    const started = performance.now();
    for (let index = 0; index < opsPerBatch; index += 1) sink = operation();
    const elapsed = performance.now() - started;
    if (elapsed >= batchMs || opsPerBatch >= 1 << 24) break;
    opsPerBatch = Math.max(opsPerBatch * 2, Math.ceil((opsPerBatch * batchMs) / Math.max(elapsed, 0.001)));
  }
  const perOp: number[] = [];
  for (let batch = 0; batch < batches; batch += 1) {
    const started = performance.now();
    for (let index = 0; index < opsPerBatch; index += 1) sink = operation();
    perOp.push(((performance.now() - started) * 1e6) / opsPerBatch);
  }
  if (sink === Symbol.for("never")) console.log(sink);
  perOp.sort((a, b) => a - b);
  return {
    minNs: perOp[0] as number,
    p50Ns: quantileSorted(perOp, 0.5),
    p99Ns: quantileSorted(perOp, 0.99),
    batches,
    opsPerBatch,
  };
}
