import {
  type EvalSuite,
  type GoldenExample,
  RoutedCallError,
  type RouteRecord,
  type RouteRequest,
  type RouteResult,
  type Router,
  type ScoredAnswer,
} from "@modelpolicy/core";
import { type ExampleResult, resultOf, SUITE_ERROR } from "./example-result.js";
import type { Progress } from "./progress.js";
import type { ResultStore } from "./result-store.js";

/** What one eval run needs. */
export interface RunExamplesOptions {
  /** `table`, `baseline` or `candidate`: names the results file. */
  readonly run: string;
  readonly table: string;
  readonly router: Router;
  readonly suite: EvalSuite;
  /** Golden examples by route, in the order to run them. */
  readonly golden: ReadonlyMap<string, readonly GoldenExample[]>;
  readonly concurrency: number;
  /** Results already made (from `--resume`), skipped by route and example id. */
  readonly previous?: readonly ExampleResult[];
  readonly store?: ResultStore | undefined;
  readonly progress?: Progress;
}

/**
 * Runs every golden example of the chosen routes through the router, at most `concurrency` at a
 * time, and returns one result per example (resumed ones included, in golden order). A routed
 * call that fails is a result (its record says how); a suite whose `request` or `score` throws
 * is recorded as a `suite_error` and the run goes on, so one bad example never loses the rest.
 */
export async function runExamples(options: RunExamplesOptions): Promise<ExampleResult[]> {
  const key = (route: string, id: string) => `${route}\u0000${id}`;
  const done = new Map((options.previous ?? []).map((result) => [key(result.route, result.example_id), result]));
  const order: { route: string; example: GoldenExample }[] = [];
  for (const [route, examples] of options.golden) for (const example of examples) order.push({ route, example });
  const pending = order.filter(({ route, example }) => !done.has(key(route, example.id)));

  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const { route, example } = pending[next]!;
      next += 1;
      const result = await runOne(options, route, example);
      done.set(key(route, example.id), result);
      await options.store?.append(result);
      options.progress?.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, pending.length)) }, worker));
  options.progress?.done();
  return order.flatMap(({ route, example }) => {
    const result = done.get(key(route, example.id));
    return result ? [result] : [];
  });
}

async function runOne(options: RunExamplesOptions, route: string, example: GoldenExample): Promise<ExampleResult> {
  const evalRoute = options.suite.routes[route]!;
  const base = {
    run: options.run,
    table: options.table,
    route,
    kind: evalRoute.kind,
    example_id: example.id,
    tags: example.tags ?? {},
    expected: example.expected,
  };
  let record: RouteRecord | undefined;
  let output: unknown;
  try {
    // A suite's routes mix structured and text requests; the router's overloads type each one alone.
    const run = options.router.run as (task: string, request: RouteRequest) => Promise<RouteResult<unknown>>;
    const result = await run(route, evalRoute.request(example));
    record = result;
    output = result.output;
  } catch (error) {
    if (RoutedCallError.isInstance(error)) {
      return resultOf(base, error.record, null, {
        errorClass: error.record.errorClass ?? "failed",
        message: error.message,
      });
    }
    return resultOf(base, undefined, null, { errorClass: SUITE_ERROR, message: messageOf(error) });
  }
  let answer: ScoredAnswer;
  try {
    answer = evalRoute.score(output, example, record);
  } catch (error) {
    return resultOf(base, record, null, { errorClass: SUITE_ERROR, message: `score: ${messageOf(error)}` });
  }
  return resultOf(base, record, answer);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
