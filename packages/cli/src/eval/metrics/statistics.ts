/**
 * The `q` quantile with linear interpolation between closest ranks (what DuckDB's
 * `quantile_cont` and numpy's default compute), so eval latencies read like `cost`'s.
 * `null` for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const below = sorted[lower]!;
  return below + (sorted[upper]! - below) * (position - lower);
}

/** `part / whole`, or `null` when there is nothing to divide by (a rate of no examples is unknown, not 0). */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Mean of the values, `null` for none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Words of a text as a reader counts them (whitespace-separated). */
export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}
