/**
 * How long one model takes to answer: a fixed time to first token, a cost per generated token,
 * and seeded jitter on top. Tiers differ mostly in these numbers, which is what makes a
 * simulated trace look like production (the fast tier returns in tens of milliseconds, the
 * strong tier in hundreds).
 */
export interface LatencyProfile {
  /** Milliseconds before the first token. */
  baseMs: number;
  /** Milliseconds per output token. */
  perOutputTokenMs?: number;
  /** Up to this many milliseconds added at random (seeded). */
  jitterMs?: number;
}

/** Latency of models with no profile: quick enough not to slow a demo, never zero. */
export const DEFAULT_LATENCY: LatencyProfile = { baseMs: 20, perOutputTokenMs: 0.05, jitterMs: 10 };

/** Milliseconds to wait before answering `outputTokens` tokens under `profile`. */
export function latencyFor(profile: LatencyProfile, outputTokens: number, random: () => number): number {
  const jitter = (profile.jitterMs ?? 0) * random();
  return Math.round(profile.baseMs + (profile.perOutputTokenMs ?? 0) * outputTokens + jitter);
}
