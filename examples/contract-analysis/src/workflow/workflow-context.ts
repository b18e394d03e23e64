import { RoutedCallError, type RouteRequest, type RouteResult, type Router } from "@modelpolicy/core";
import type { z } from "zod";
import type { CallLog } from "../call-log.js";
import type { Playbook } from "../playbook.js";

/**
 * What every workflow step shares: ONE router (its circuit breakers and latency-tier bulkheads
 * only work when shared), the playbook, and the log the per-task table is computed from.
 */
export interface WorkflowContext {
  readonly router: Router;
  readonly playbook: Playbook;
  readonly log: CallLog;
  /**
   * Text appended to one prompt (the first document's classification). Tests set a random value
   * and prove it never appears in exported telemetry unless content capture is switched on.
   */
  readonly canary?: string | undefined;
}

/** Routes a structured call and logs its record, also when it fails. */
export async function routeStructured<S extends z.ZodType>(
  context: WorkflowContext,
  documentId: string,
  task: string,
  request: RouteRequest<S> & { schema: S },
): Promise<RouteResult<z.output<S>>> {
  try {
    const result = await context.router.run(task, request);
    context.log.add(task, documentId, result, false);
    return result;
  } catch (error) {
    if (RoutedCallError.isInstance(error)) context.log.add(task, documentId, error.record, true);
    throw error;
  }
}

/** Routes a plain-text call and logs its record, also when it fails. */
export async function routeText(
  context: WorkflowContext,
  documentId: string,
  task: string,
  request: RouteRequest<undefined>,
): Promise<RouteResult<string>> {
  try {
    const result = await context.router.run(task, request);
    context.log.add(task, documentId, result, false);
    return result;
  } catch (error) {
    if (RoutedCallError.isInstance(error)) context.log.add(task, documentId, error.record, true);
    throw error;
  }
}
