import { open } from "node:fs/promises";

const TAIL_WINDOW_BYTES = 64 * 1024;

/**
 * Counts files whose last line is torn: not ended by `\n` and not a complete JSON record, which
 * only a writer that crashed mid-append leaves. One small read at the end of each file, whatever
 * its size. Same rule as `ledgerFileTail` in `@modelpolicy/otel` (copied: the CLI does not depend
 * on the instrumentation): an unterminated line that parses lost only its newline and is read.
 */
export async function countTornLines(files: readonly string[]): Promise<number> {
  const torn = await Promise.all(files.map(isTorn));
  return torn.filter(Boolean).length;
}

async function isTorn(file: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, "r");
    const { size } = await handle.stat();
    if (size === 0) return false;
    const length = Math.min(size, TAIL_WINDOW_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    if (buffer[length - 1] === 0x0a) return false;
    const lastNewline = buffer.lastIndexOf(0x0a);
    if (lastNewline < 0 && size > length) return true;
    try {
      const value: unknown = JSON.parse(buffer.subarray(lastNewline + 1).toString("utf8"));
      return typeof value !== "object" || value === null || Array.isArray(value);
    } catch {
      return true;
    }
  } catch {
    // A file that vanished (retention) or cannot be opened is DuckDB's to report.
    return false;
  } finally {
    await handle?.close();
  }
}
