import { type DiagLogger, DiagLogLevel, diag } from "@opentelemetry/api";

/** One captured diagnostic or console line. */
export interface CapturedLine {
  readonly source: "diag" | "console";
  readonly level: string;
  readonly text: string;
  readonly time: number;
}

/**
 * Every `diag` message (INFO and above) and every console line of this test file, so tests can
 * count warnings, find reported errors and scan for leaked secrets. Console output still goes
 * through; only a copy is kept.
 */
export const captured: CapturedLine[] = [];

const MAX_LINES = 50_000;

function keep(source: CapturedLine["source"], level: string, parts: unknown[]): void {
  if (captured.length >= MAX_LINES) return;
  const text = parts
    .map((part) => (part instanceof Error ? `${part.name}: ${part.message}\n${part.stack ?? ""}` : String(part)))
    .join(" ");
  captured.push({ source, level, text, time: Date.now() });
}

const logger: DiagLogger = {
  error: (...args) => keep("diag", "error", args),
  warn: (...args) => keep("diag", "warn", args),
  info: (...args) => keep("diag", "info", args),
  debug: (...args) => keep("diag", "debug", args),
  verbose: (...args) => keep("diag", "verbose", args),
};

let installed = false;

/** Installs the capturing `diag` logger and console copies; idempotent. */
export function installLogCapture(): void {
  if (installed) return;
  installed = true;
  diag.setLogger(logger, { logLevel: DiagLogLevel.INFO, suppressOverrideMessage: true });
  for (const level of ["log", "info", "warn", "error"] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      keep("console", level, args);
      original(...args);
    };
  }
}

/** Captured lines since `mark` (an index from `captured.length`). */
export function linesSince(mark: number): CapturedLine[] {
  return captured.slice(mark);
}
