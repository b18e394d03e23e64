import { hasMarker, ModelPolicyError } from "./model-policy-error.js";

const MARKER = Symbol.for("modelpolicy.error.policy_table");

/**
 * One problem in a policy table: where (`path`, as keys and indexes), what kind, and what. A
 * path into `policies` also carries that policy's id, since `policies[7]` means little to
 * someone reading the file; a table read from text carries the 1-based line and column of the
 * node at fault (for a missing key, of the mapping that lacks it).
 */
export interface PolicyTableIssue {
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
  /** The `id` of the policy at `policies[n]`, when the path starts there and the policy has one. */
  readonly policyId?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
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

/**
 * `policies[2].max_output_tokens` style, the way people read a path in a YAML file; with the
 * policy's id, `policies[2] (contracts.classify).max_output_tokens`, so the reader knows which
 * policy without counting list items.
 */
export function formatPath(path: readonly (string | number)[], policyId?: string): string {
  if (path.length === 0) return "(root)";
  return path
    .map((part, index) => {
      const text = typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`;
      return index === 1 && path[0] === "policies" && policyId !== undefined ? `${text} (${policyId})` : text;
    })
    .join("");
}

/** `table.yaml:6:8 ` (or `6:8 ` without a source), the form editors and terminals link to. */
function formatPosition(issue: PolicyTableIssue, source: string | undefined): string {
  if (issue.line === undefined) return "";
  return `${source ? `${source}:` : ""}${issue.line}:${issue.column ?? 1}`;
}

function formatIssues(issues: readonly PolicyTableIssue[], source: string | undefined): string {
  const head = `invalid policy table${source ? ` ${source}` : ""}: ${issues.length} problem${issues.length === 1 ? "" : "s"}`;
  const lines = issues.map((issue) => {
    const position = formatPosition(issue, source);
    // A problem of the text itself (a YAML syntax error) has a position but no path to name.
    const where =
      position && issue.path.length === 0
        ? position
        : [position, formatPath(issue.path, issue.policyId)].filter(Boolean).join(" ");
    return `  ✖ ${where}: ${issue.message}`;
  });
  return [head, ...lines].join("\n");
}
