/**
 * Share of HARD golden examples (tag `difficulty: hard`) each model gets wrong in the SIMULATED
 * eval provider. Invented to make offline evals non-trivial and stable, not measured: the strong
 * models answer everything correctly, smaller ones miss more of the hard cases. Models not
 * listed count as small.
 */
export const HARD_CASE_ERROR_SHARE: Readonly<Record<string, number>> = {
  "gpt-5": 0,
  o3: 0,
  "gpt-4.1": 0.25,
  "gpt-4o": 0.25,
  "gpt-5-mini": 0.5,
  "gpt-4.1-mini": 0.5,
  "o4-mini": 0.5,
  "gpt-4o-mini": 0.75,
  "gpt-5-nano": 0.75,
  "gpt-4.1-nano": 0.75,
};

/** Error share for models the table above does not name. */
export const UNLISTED_MODEL_ERROR_SHARE = 0.75;

/** FNV-1a over the UTF-16 code units: tiny, stable across machines and Node versions. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Whether `model` answers a golden example correctly: always for examples not tagged hard;
 * for hard ones, wrong when the hash of `id|model` falls into the model's error share. The same
 * example and model give the same verdict on every run, so an eval's score is reproducible and
 * a policy change that moves a route to a smaller model shows up as a regression.
 */
export function answersCorrectly(
  example: { id: string; tags?: Record<string, string> | undefined },
  model: string,
): boolean {
  if (example.tags?.difficulty !== "hard") return true;
  const share = HARD_CASE_ERROR_SHARE[model] ?? UNLISTED_MODEL_ERROR_SHARE;
  return stableHash(`${example.id}|${model}`) % 100 >= share * 100;
}
