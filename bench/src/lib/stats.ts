/** Min, median and max of one metric over a benchmark's repeats. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/**
 * The value at quantile `q` (0..1) of already sorted numbers, by the nearest-rank method: no
 * interpolation, so a reported p99 is a latency some call really had.
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index] as number;
}

/** Quantile of unsorted numbers (copies, then sorts). */
export function quantile(values: readonly number[], q: number): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    q,
  );
}

/** Min, median and max over repeats; the median of an even count is the mean of the middle two. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { min: sorted[0] as number, median, max: sorted[sorted.length - 1] as number };
}

/** The variant's median over the baseline's median; NaN when the baseline is zero or missing. */
export function ratio(value: number, baseline: number): number {
  return baseline === 0 || !Number.isFinite(baseline) ? Number.NaN : value / baseline;
}

/**
 * The order variants run in during repeat `repeat`: rotated by one each repeat, so no variant
 * always runs first (cold caches) or right after the same neighbour.
 */
export function interleavedOrder<T>(variants: readonly T[], repeat: number): T[] {
  const shift = repeat % Math.max(1, variants.length);
  return [...variants.slice(shift), ...variants.slice(0, shift)];
}
