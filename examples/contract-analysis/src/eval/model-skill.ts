/**
 * How often each simulated model gets a HARD golden example wrong (0 = never). Ordinary examples
 * are always answered right; a model missing from this list gets the simulator's generic answer.
 * These are the simulator's rules, not measurements of the real models.
 */
export const MODEL_MISS_RATE: Readonly<Record<string, number>> = {
  "gpt-4.1": 0,
  "gpt-4o": 0,
  "gpt-5": 0,
  o3: 0,
  "gpt-4.1-mini": 0.4,
  "gpt-4o-mini": 0.4,
  "gpt-5-mini": 0.3,
  "o4-mini": 0.2,
  "gpt-4.1-nano": 0.9,
  "gpt-5-nano": 0.8,
};

/** Simulated latency by how strong a model is: strong models are slower. */
export function latencyOfMissRate(missRate: number): { baseMs: number; perOutputTokenMs: number; jitterMs: number } {
  if (missRate === 0) return { baseMs: 60, perOutputTokenMs: 0.02, jitterMs: 30 };
  if (missRate < 0.6) return { baseMs: 25, perOutputTokenMs: 0.01, jitterMs: 15 };
  return { baseMs: 8, perOutputTokenMs: 0.005, jitterMs: 8 };
}

/**
 * Whether `model` misses this hard example: a deterministic hash of example id and model, so the
 * same model misses the same examples on every run and two runs of one table agree exactly.
 */
export function misses(exampleId: string, model: string, missRate: number): boolean {
  let hash = 0x811c9dc5;
  for (const char of `${exampleId}:${model}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 4294967296 < missRate;
}
