import { inspect } from "node:util";

/**
 * An API key no real provider issued, used by every stack in the suite. Finding it anywhere in
 * telemetry, the ledger, a log line or an error message means the code under test leaked it.
 */
export const CANARY_API_KEY = "sk-canary-5f0c1e9a7b2d4c8e9f13a6b7c2d4e5f6";

/** Prompt text every suite request carries; with content capture off it must never leave the app. */
export const CANARY_PROMPT = "CANARY-PROMPT-8d41f2c7-do-not-export";

/** A user message that carries the canary prompt text next to `text`. */
export function canaryMessages(text = "classify this"): { role: "user"; content: string }[] {
  return [{ role: "user", content: `${text} ${CANARY_PROMPT}` }];
}

/** Which canaries occur in `text` (the key, or its distinctive tail, and the prompt). */
export function canariesIn(text: string): string[] {
  const hits: string[] = [];
  if (text.includes(CANARY_API_KEY) || text.includes(CANARY_API_KEY.slice(-12))) hits.push("api_key");
  if (text.includes(CANARY_PROMPT)) hits.push("prompt");
  return hits;
}

/** Everything an error carries that a caller could log: message, stack, own fields and causes. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return inspect(error, { depth: 8 });
  const parts = [String(error), error.stack ?? "", inspect(error, { depth: 8, showHidden: false })];
  try {
    parts.push(JSON.stringify(error));
  } catch {
    // Circular records are covered by inspect.
  }
  return parts.join("\n");
}
