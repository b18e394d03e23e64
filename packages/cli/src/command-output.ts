import type { ExitCode } from "./exit-codes.js";

/** What a command prints: the answer on stdout, notes (skipped lines, warnings) on stderr. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  /**
   * Exit code of a command that printed its answer and still fails (a gate that did not pass);
   * default 0. Failures without an answer throw a `CliError` instead.
   */
  readonly exitCode?: ExitCode;
}
