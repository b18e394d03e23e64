import type { Router } from "@modelpolicy/core";
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
