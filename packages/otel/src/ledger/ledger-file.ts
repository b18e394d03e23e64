import { open } from "node:fs/promises";

/**
 * Where the ledger goes when no folder is given: relative to the working directory, next to the
 * project that runs the service, and already in the repository's `.gitignore`.
 */
export const DEFAULT_LEDGER_DIR = ".modelpolicy/ledger";

/**
 * File name holding a record that ended at `isoTime`: one file per UTC day, so retention is
 * deleting old files and a date-filtered query opens only the days it needs.
 */
export function ledgerFileName(isoTime: string): string {
  return `${isoTime.slice(0, 10)}.jsonl`;
}

/**
 * How a ledger file ends. Writers append whole lines in one write, so only a crash mid-write can
 * leave a last line without its `\n`. `torn` is such a line that is not a complete record
 * (readers skip and count it); an unterminated line that still parses lost only its newline and
 * is read as usual.
 */
export interface LedgerFileTail {
  /** The file is non-empty and its last byte is not `\n`. */
  readonly unterminated: boolean;
  /** The unterminated last line is not a complete JSON record. */
  readonly torn: boolean;
}

const TAIL_WINDOW_BYTES = 64 * 1024;

/**
 * Reads only the end of a file (one small read, whatever its size) to tell whether its last line
 * is torn. A missing file is an empty one.
 */
export async function ledgerFileTail(path: string): Promise<LedgerFileTail> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { unterminated: false, torn: false };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return { unterminated: false, torn: false };
    const length = Math.min(size, TAIL_WINDOW_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    if (buffer[length - 1] === 0x0a) return { unterminated: false, torn: false };
    const lastNewline = buffer.lastIndexOf(0x0a);
    // A fragment longer than the window cannot be judged cheaply; no record is that long.
    if (lastNewline < 0 && size > length) return { unterminated: true, torn: true };
    return { unterminated: true, torn: !isJsonObject(buffer.subarray(lastNewline + 1).toString("utf8")) };
  } finally {
    await handle.close();
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
