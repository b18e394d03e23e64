import type { RouteRecord } from "./route-result.js";

/**
 * A `router.embed` result: the call's record (policy, attempts, usage, cost, outcome), like
 * `router.run`'s, and `output`, one vector per input text in input order. Every vector comes
 * from the one model named by `modelServed`: vectors of different models live in different
 * spaces, so a fallback re-embeds the whole input rather than mixing models. Errors are the
 * same `RoutedCallError`s as `router.run`'s, with the same record.
 */
export type EmbedResult = RouteRecord & {
  readonly outcome: "ok" | "fallback_ok";
  readonly output: readonly number[][];
  /** The length of every vector in `output`. */
  readonly dimensions: number;
};
