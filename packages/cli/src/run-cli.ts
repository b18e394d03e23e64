import { type Command, CommanderError } from "commander";
import { CliError } from "./cli-error.js";
import type { CommandOutput } from "./command-output.js";
import { createProgram } from "./create-program.js";
import type { ProgressStream } from "./eval/progress.js";
import { EXIT_CODES, type ExitCode } from "./exit-codes.js";

/** The outcome of one CLI run: what it printed and how it exits. */
export interface CliResult {
  readonly exitCode: ExitCode;
  readonly stdout: string;
  readonly stderr: string;
}

/** Optional context of a run. */
export interface RunCliOptions {
  /** Folder relative paths (the default ledger) resolve from. Default `process.cwd()`. */
  readonly cwd?: string;
  /** The clock for relative dates (`24h`). Default: now. */
  readonly now?: Date;
  /** Print the stack of unexpected errors (the bin sets it from `MODELPOLICY_DEBUG`). */
  readonly debug?: boolean;
  /** Environment for provider settings (`OPENAI_API_KEY`, `OPENAI_BASE_URL`). Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Live progress of long commands (`eval`); the bin passes stderr. Default: none. */
  readonly progress?: ProgressStream;
}

/**
 * Runs `modelpolicy` with `argv` (the arguments after the program name) and returns instead of
 * exiting, so tests run it in-process. Every failure becomes one `modelpolicy: …` line on stderr,
 * nothing on stdout, and its distinct exit code; stacks are only printed for bugs, and only with
 * `debug`.
 */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  let delivered: CommandOutput | undefined;
  const program = createProgram(
    {
      cwd: options.cwd ?? process.cwd(),
      now: options.now ?? new Date(),
      env: options.env ?? process.env,
      progress: options.progress,
    },
    (output) => {
      delivered = output;
    },
  );
  const capture = (command: Command) => {
    command.exitOverride();
    command.configureOutput({ writeOut: (text) => out.push(text), writeErr: (text) => err.push(text) });
    for (const child of command.commands) capture(child);
  };
  capture(program);
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      const help = error.code === "commander.helpDisplayed" || error.code === "commander.version";
      return {
        exitCode: help ? EXIT_CODES.ok : EXIT_CODES.usage,
        stdout: help ? out.join("") : "",
        stderr: err.join(""),
      };
    }
    if (CliError.isInstance(error)) {
      return { exitCode: error.exitCode, stdout: "", stderr: `modelpolicy: ${error.message}\n` };
    }
    const detail = options.debug && error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { exitCode: EXIT_CODES.internal, stdout: "", stderr: `modelpolicy: internal error: ${detail}\n` };
  }
  return {
    exitCode: delivered?.exitCode ?? EXIT_CODES.ok,
    stdout: out.join("") + (delivered?.stdout ?? ""),
    stderr: err.join("") + (delivered?.stderr ?? ""),
  };
}
