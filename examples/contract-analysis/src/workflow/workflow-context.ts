import type { Router } from "@modelpolicy/core";
import type { TextSink } from "@modelpolicy/example-workflow-kit";
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
   * Where the reviewer summary is printed as it streams in, so the person running the demo sees
   * the answer arrive instead of waiting for the report; absent, the summary streams unseen.
   */
  readonly out?: TextSink | undefined;
  /**
   * Text appended to one prompt (the first document's classification). Tests set a random value
   * and prove it never appears in exported telemetry unless content capture is switched on.
   */
  readonly canary?: string | undefined;
}
