const MARKER = Symbol.for("modelpolicy.cli.GoldenSetError");

/**
 * One problem in a golden set: the file, the line (JSONL: the line; YAML: where the example
 * starts), the path inside the example, what kind of problem and what.
 */
export interface GoldenSetIssue {
  readonly file: string;
  /** 1-based; absent for problems of the whole file (missing, unreadable). */
  readonly line?: number | undefined;
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}

/**
 * Golden sets were rejected. Like a policy table, loading is all-or-nothing: `issues` lists every
 * problem of every file read, each with its file, line and path, and the message prints them one
 * a line, so a broken set is fixed in one pass.
 */
export class GoldenSetError extends Error {
  protected readonly [MARKER] = true;
  /** Every problem found, in file and line order. */
  readonly issues: readonly GoldenSetIssue[];

  constructor(issues: readonly GoldenSetIssue[]) {
    super(formatGoldenIssues(issues));
    this.name = "GoldenSetError";
    this.issues = issues;
  }

  /** Whether `error` is a `GoldenSetError` from any copy of this package. */
  static isInstance(error: unknown): error is GoldenSetError {
    return typeof error === "object" && error !== null && MARKER in error;
  }
}

function formatGoldenIssues(issues: readonly GoldenSetIssue[]): string {
  const files = new Set(issues.map((issue) => issue.file)).size;
  const head = `invalid golden set${files === 1 ? ` ${issues[0]?.file ?? ""}` : "s"}: ${issues.length} problem${issues.length === 1 ? "" : "s"}`;
  return [head, ...issues.map((issue) => `  ✖ ${where(issue)}: ${issue.message}`)].join("\n");
}

function where(issue: GoldenSetIssue): string {
  const place = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  if (issue.path.length === 0) return place;
  const path = issue.path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join("");
  return `${place} ${path}`;
}
