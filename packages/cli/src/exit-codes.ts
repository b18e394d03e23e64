/**
 * The CLI's exit codes. Distinct per kind of failure so scripts and CI can tell "you typed it
 * wrong" from "there is nothing to read" from "the server is down" without parsing stderr.
 * Documented in the README; never renumber one.
 */
export const EXIT_CODES = {
  /** The query ran; its answer (possibly empty) is on stdout. */
  ok: 0,
  /** A bug in the CLI itself: please report it. */
  internal: 1,
  /** Malformed flags or values: unknown option, unparsable date, bad `--by` key, conflicting sources. */
  usage: 2,
  /** No data source: the ledger folder is missing or holds no `.jsonl` files. */
  noData: 3,
  /** The source did not answer: connection refused, timeout, HTTP error status. */
  unreachable: 4,
  /** The source answered with data the CLI cannot read (no readable ledger records, unexpected JSON). */
  corruptData: 5,
  /**
   * A policy table, golden set or eval suite did not validate; every problem is listed on stderr
   * with its place (path, file and line).
   */
  invalidInput: 6,
  /** `eval --baseline --candidate`: some route regressed past a threshold (the gate failed). */
  regression: 7,
  /** `policies diff --fail-on-unversioned`: a policy changed but kept its version. */
  unversionedChange: 8,
} as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
