import type { RouteRecord } from "../router/route-result.js";
import { hasMarker } from "./model-policy-error.js";
import { RoutedCallError } from "./routed-call-error.js";

const MARKER = Symbol.for("modelpolicy.error.queue_full");

/**
 * The call's latency tier had every slot busy and its queue full. Shedding load here keeps one
 * tier's backlog from growing without bound; other tiers are unaffected.
 */
export class QueueFullError extends RoutedCallError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;
  /** The latency tier whose queue was full. */
  readonly latencyTier: string;

  constructor(latencyTier: string, record: RouteRecord) {
    super(`latency tier "${latencyTier}" queue is full (task "${record.task}")`, record);
    this.name = "QueueFullError";
    this.latencyTier = latencyTier;
  }

  static override isInstance(error: unknown): error is QueueFullError {
    return hasMarker(error, MARKER);
  }
}
