import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";

/** What to start and where its output goes. */
export interface ManagedProcessOptions {
  /** Short name used in messages, e.g. `jaeger`. */
  name: string;
  command: string;
  args: readonly string[];
  /** Extra environment on top of the parent's. */
  env?: Record<string, string>;
  /** File that receives the child's stdout and stderr. */
  logPath: string;
}

/**
 * A child process of the test stack: output goes straight to a log file (no pipe the parent must
 * drain), it is killed when the parent exits, and `stop()` escalates from SIGTERM to SIGKILL.
 */
export interface ManagedProcess {
  readonly name: string;
  readonly logPath: string;
  readonly pid: number | undefined;
  /** Why the process ended (`exit code 1`, `signal SIGKILL`), or `undefined` while it runs. */
  exitReason(): string | undefined;
  /** The last `lines` lines of the log file, for error messages. */
  logTail(lines?: number): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
const exitCleanups = new Set<() => void>();
let exitHooksInstalled = false;

/**
 * Registers a synchronous `cleanup` (e.g. removing a temp directory) to run when the parent exits
 * or is interrupted, after the managed processes are killed. Returns a function that unregisters
 * it, for the normal path where the owner cleans up itself.
 */
export function addExitCleanup(cleanup: () => void): () => void {
  installExitHooks();
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

/**
 * Starts `command` as a managed process. The returned handle is registered for cleanup on the
 * parent's exit and on SIGINT/SIGTERM/SIGHUP, so a crashed or interrupted test run does not leave
 * collectors and Prometheus behind holding ports.
 */
export function startManagedProcess(options: ManagedProcessOptions): ManagedProcess {
  installExitHooks();
  const logFd = openSync(options.logPath, "a");
  let child: ChildProcess;
  try {
    child = spawn(options.command, [...options.args], {
      env: { ...process.env, ...options.env },
      stdio: ["ignore", logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  running.add(child);
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("error", (error) => {
      exitReason ??= `failed to start: ${error.message}`;
      running.delete(child);
      resolve();
    });
    child.once("exit", (code, signal) => {
      exitReason ??= signal === null ? `exit code ${code}` : `signal ${signal}`;
      running.delete(child);
      resolve();
    });
  });

  return {
    name: options.name,
    logPath: options.logPath,
    pid: child.pid,
    exitReason: () => exitReason,
    logTail: (lines = 40) => readTail(options.logPath, lines),
    async stop(graceMs = 5_000) {
      if (exitReason !== undefined) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function readTail(path: string, lines: number): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch (error) {
    return `(no log: ${(error as Error).message})`;
  }
}

function killAllRunning(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
  for (const cleanup of exitCleanups) {
    try {
      cleanup();
    } catch {
      // Best effort while the process goes down; nothing is left to report to.
    }
  }
  exitCleanups.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.once("exit", killAllRunning);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      killAllRunning();
      process.removeListener(signal, onSignal);
      // Our listener replaced the default "terminate"; restore it unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
