import { hasMarker, ModelPolicyError } from "./model-policy-error.js";

const MARKER = Symbol.for("modelpolicy.error.policy_table");

/** One problem in a policy table: where (`path`, as keys and indexes), what kind, and what. */
export interface PolicyTableIssue {
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}

/**
 * A policy table was rejected. Loading is all-or-nothing: `issues` lists every problem found,
 * each with its path, and the message prints them one a line, like `z.prettifyError`.
 */
export class PolicyTableError extends ModelPolicyError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;
  /** Every problem found, in document order. */
  readonly issues: readonly PolicyTableIssue[];
  /** Where the table came from (a file path), when known. */
  readonly source: string | undefined;

  constructor(issues: readonly PolicyTableIssue[], source?: string) {
    super(formatIssues(issues, source));
    this.name = "PolicyTableError";
    this.issues = issues;
    this.source = source;
  }

  static override isInstance(error: unknown): error is PolicyTableError {
    return hasMarker(error, MARKER);
  }
}

/** `policies[2].max_output_tokens` style, the way people read a path in a YAML file. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(root)";
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`)).join("");
}

function formatIssues(issues: readonly PolicyTableIssue[], source: string | undefined): string {
  const head = `invalid policy table${source ? ` ${source}` : ""}: ${issues.length} problem${issues.length === 1 ? "" : "s"}`;
  return [head, ...issues.map((issue) => `  ✖ ${formatPath(issue.path)}: ${issue.message}`)].join("\n");
}
