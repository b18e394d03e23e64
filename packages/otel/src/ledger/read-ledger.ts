import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LedgerRecord } from "./ledger-record.js";

/** What {@link readLedger} found. */
export interface LedgerContents {
  /** Records of every file, in file (day) order, then line order. */
  readonly records: LedgerRecord[];
  /** The `.jsonl` files read, as full paths, sorted by day. */
  readonly files: string[];
  /** Unterminated last lines that are not complete records (a writer crashed mid-write): skipped. */
  readonly tornLines: number;
  /** Other lines that are not JSON objects (a torn line a later writer sealed, a foreign line): skipped. */
  readonly malformedLines: number;
}

/** The ledger's daily files in day order; a folder that does not exist has none. */
export async function ledgerFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith(".jsonl"))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Reads a whole ledger into memory, for tests, small tools and exports to other systems; the CLI
 * queries large ledgers with DuckDB instead. Safe while a service writes: a file's last line
 * counts only once its `\n` is there, so a half-written record is skipped and counted in
 * `tornLines`, never misread.
 */
export async function readLedger(dir: string): Promise<LedgerContents> {
  const files = await ledgerFiles(dir);
  const records: LedgerRecord[] = [];
  let tornLines = 0;
  let malformedLines = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8");
    const lines = text.split("\n");
    // After a final "\n" the last piece is ""; otherwise it is the unterminated last line.
    const last = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "") continue;
      const record = parseRecord(line);
      if (record === undefined) malformedLines += 1;
      else records.push(record);
    }
    if (last !== "") {
      const record = parseRecord(last);
      if (record === undefined) tornLines += 1;
      else records.push(record);
    }
  }
  return { records, files, tornLines, malformedLines };
}

function parseRecord(line: string): LedgerRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as LedgerRecord) : undefined;
  } catch {
    return undefined;
  }
}
