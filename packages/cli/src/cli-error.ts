import type { ExitCode } from "./exit-codes.js";

const MARKER = Symbol.for("modelpolicy.cli.CliError");

/**
 * A failure the user can act on: its message is printed alone on stderr (no stack) and the
 * process exits with its code. Anything else that escapes a command is a bug and exits 1. The
 * `Symbol.for` marker keeps `isInstance` true across duplicate installs of the package.
 */
export class CliError extends Error {
  protected readonly [MARKER] = true;

  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CliError";
  }

  /** Whether `error` is a `CliError` from any copy of this package. */
  static isInstance(error: unknown): error is CliError {
    return typeof error === "object" && error !== null && MARKER in error;
  }
}
