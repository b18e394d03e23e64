import {
  RoutedCallError,
  type RouteRecord,
  type RouteRequest,
  type RouteResult,
  type Router,
  type RouteSchema,
  type RouteSchemaOutput,
  type RouteStreamRequest,
} from "@modelpolicy/core";

/**
 * Where a workflow records its routed calls. Each example's call log names the subject in its
 * own terms (a document, an invoice); the helpers here only need to hand it the record.
 */
export interface RoutedCallRecorder {
  add(task: string, subjectId: string, record: RouteRecord, failed: boolean): void;
}

/**
 * The part of a workflow context the route helpers use: ONE router (its circuit breakers and
 * latency-tier bulkheads only work when shared) and the log the per-task table is computed from.
 */
export interface RoutingContext {
  readonly router: Router;
  readonly log: RoutedCallRecorder;
}

/**
 * Routes a structured call and logs its record, also when it fails, so the per-task table and
 * the summary count failed calls (a `RoutedCallError` carries its record) as the trace does.
 */
export function routeStructured<S extends RouteSchema>(
  context: RoutingContext,
  subjectId: string,
  task: string,
  request: RouteRequest<S> & { schema: S },
): Promise<RouteResult<RouteSchemaOutput<S>>> {
  return logged(context, subjectId, task, () => context.router.run<string, S>(task, request));
}

/** Routes a plain-text call and logs its record, also when it fails (see {@link routeStructured}). */
export function routeText(
  context: RoutingContext,
  subjectId: string,
  task: string,
  request: RouteRequest<undefined>,
): Promise<RouteResult<string>> {
  return logged(context, subjectId, task, () => context.router.run(task, request));
}

/**
 * Streams a plain-text call, handing each delta to `onDelta` as it arrives (a terminal, an HTTP
 * response), and logs the record from the stream's `result` once it has ended, also when it
 * fails, so a streamed call counts in the per-task table exactly like a routed one.
 */
export function routeStreamed(
  context: RoutingContext,
  subjectId: string,
  task: string,
  request: RouteStreamRequest<undefined>,
  onDelta: (delta: string) => void,
): Promise<RouteResult<string>> {
  return logged(context, subjectId, task, async () => {
    const stream = context.router.stream(task, request);
    for await (const delta of stream) onDelta(delta);
    return stream.result;
  });
}

async function logged<T>(
  context: RoutingContext,
  subjectId: string,
  task: string,
  run: () => Promise<RouteResult<T>>,
): Promise<RouteResult<T>> {
  try {
    const result = await run();
    context.log.add(task, subjectId, result, false);
    return result;
  } catch (error) {
    if (RoutedCallError.isInstance(error)) context.log.add(task, subjectId, error.record, true);
    throw error;
  }
}
