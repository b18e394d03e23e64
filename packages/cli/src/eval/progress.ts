/** Where progress goes: stderr in the bin; `isTTY` picks the bar over periodic lines. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** Progress of one eval run. */
export interface Progress {
  /** One example finished. */
  tick(): void;
  /** The run finished (ends the bar's line). */
  done(): void;
}

const SILENT: Progress = { tick: () => undefined, done: () => undefined };

/**
 * A progress bar redrawn in place on a terminal, at most every 100 ms; elsewhere (CI logs, a
 * pipe) one plain line per 10 % or every 10 seconds, because carriage returns make logs
 * unreadable. No stream, no progress: results never depend on it.
 */
export function createProgress(
  stream: ProgressStream | undefined,
  label: string,
  total: number,
  start = 0,
  now: () => number = Date.now,
): Progress {
  if (!stream || total === 0) return SILENT;
  let done = start;
  let lastDraw = 0;
  let lastDecile = Math.floor((done / total) * 10);
  const startedAt = now();
  if (stream.isTTY) {
    const draw = () => {
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
      const filled = Math.round((done / total) * width);
      const percent = Math.floor((done / total) * 100);
      stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${percent}%`);
    };
    draw();
    return {
      tick() {
        done += 1;
        if (now() - lastDraw >= 100 || done === total) {
          lastDraw = now();
          draw();
        }
      },
      done() {
        draw();
        stream.write("\n");
      },
    };
  }
  let lastLine = startedAt;
  const line = () =>
    stream.write(`modelpolicy: ${label}: ${done}/${total} examples (${Math.floor((done / total) * 100)}%)\n`);
  return {
    tick() {
      done += 1;
      const decile = Math.floor((done / total) * 10);
      if (decile > lastDecile || now() - lastLine >= 10_000) {
        lastDecile = decile;
        lastLine = now();
        line();
      }
    },
    done: () => undefined,
  };
}
