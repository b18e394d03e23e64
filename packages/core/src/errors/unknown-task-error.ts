import { hasMarker, ModelPolicyError } from "./model-policy-error.js";

const MARKER = Symbol.for("modelpolicy.error.unknown_task");

/**
 * The task has no policy and the table declares no `unknown_task` route. A misconfiguration,
 * raised before anything is counted or sent.
 */
export class UnknownTaskError extends ModelPolicyError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;
  /** The task that was asked for. */
  readonly task: string;
  /** The tasks the table declares, to make the typo obvious. */
  readonly knownTasks: readonly string[];

  constructor(task: string, knownTasks: readonly string[]) {
    super(`no policy for task "${task}" (known: ${knownTasks.join(", ")}) and no unknown_task route`);
    this.name = "UnknownTaskError";
    this.task = task;
    this.knownTasks = knownTasks;
  }

  static override isInstance(error: unknown): error is UnknownTaskError {
    return hasMarker(error, MARKER);
  }
}
