import { RoutedCallError, type RouteRequest, type RouteResult, type Router } from "@modelpolicy/core";
import type { z } from "zod";
import type { CallLog } from "../call-log.js";
import type { MasterData } from "../master-data.js";

/**
 * What every workflow step shares: ONE router (its circuit breakers and latency-tier bulkheads
 * only work when shared), the master data policy code checks against, and the log the per-task
 * table is computed from.
 */
export interface WorkflowContext {
  readonly router: Router;
  readonly masterData: MasterData;
  readonly log: CallLog;
}

/** Routes a structured call and logs its record, also when it fails. */
export async function routeStructured<S extends z.ZodType>(
  context: WorkflowContext,
  invoiceId: string,
  task: string,
  request: RouteRequest<S> & { schema: S },
): Promise<RouteResult<z.output<S>>> {
  try {
    const result = await context.router.run(task, request);
    context.log.add(task, invoiceId, result, false);
    return result;
  } catch (error) {
    if (RoutedCallError.isInstance(error)) context.log.add(task, invoiceId, error.record, true);
    throw error;
  }
}

/** Routes a plain-text call and logs its record, also when it fails. */
export async function routeText(
  context: WorkflowContext,
  invoiceId: string,
  task: string,
  request: RouteRequest<undefined>,
): Promise<RouteResult<string>> {
  try {
    const result = await context.router.run(task, request);
    context.log.add(task, invoiceId, result, false);
    return result;
  } catch (error) {
    if (RoutedCallError.isInstance(error)) context.log.add(task, invoiceId, error.record, true);
    throw error;
  }
}
