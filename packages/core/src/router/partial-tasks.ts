import type { PolicyTableInput } from "../policy/policy-schema.js";

/**
 * Whether a declared policy's chain can end in `partial`, read from its type the way
 * `fallbackChain` reads the value: `fallback_steps` when present, else `fallback_policy`. Where the
 * type cannot tell (steps typed as an optional array), the answer is `true`, the safe side.
 */
type CanEndPartial<Policy> = "fallback_steps" extends keyof Policy
  ? Policy extends { readonly fallback_steps: readonly (infer Step)[] }
    ? "partial" extends Step
      ? true
      : false
    : true
  : Policy extends { readonly fallback_policy: infer Fallback }
    ? "partial" extends Fallback
      ? true
      : false
    : true;

/**
 * The tasks of a table declaration whose policy can end in `partial`. `createRouter` reads it
 * from a declaration passed to it directly, so `router.run` types `output` as the whole output
 * for every other task instead of a `Partial` the call can never return.
 */
export type PartialTasksOf<T extends PolicyTableInput> = T["policies"][number] extends infer Policy
  ? Policy extends { readonly task: infer Task extends string }
    ? CanEndPartial<Policy> extends true
      ? Task
      : never
    : never
  : never;

/**
 * The `CanBePartial` of a call to `task`: `false` when no task it can name ends in `partial`,
 * else `boolean` (a partial outcome is possible, not certain).
 */
export type PartialFor<Task extends string, PartialTask extends string> = [Extract<Task, PartialTask>] extends [never]
  ? false
  : boolean;
