import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";

/** Where the ledger exporter writes by default, relative to the working directory. */
export const DEFAULT_LEDGER_DIR = ".modelpolicy/ledger";

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

/**
 * The ledger files that can hold records between `since` and `until`. Files are per UTC day of
 * the record's end time, so a date filter skips whole files unread; files named otherwise are
 * always read. A missing folder, or one with no `.jsonl` file at all, is "no data source" (exit
 * 3): a typo in `--ledger` must not look like a quiet week.
 */
export async function selectLedgerFiles(dir: string, since?: Date, until?: Date): Promise<string[]> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory())
      throw new CliError(`${dir} is not a folder: pass the ledger folder to --ledger.`, EXIT_CODES.noData);
    names = await readdir(dir);
  } catch (error) {
    if (CliError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new CliError(
        `no ledger at ${dir}: run a service with LedgerSpanExporter, or pass --ledger DIR (or --prometheus URL).`,
        EXIT_CODES.noData,
      );
    }
    throw new CliError(`cannot read the ledger folder ${dir} (${code ?? String(error)}).`, EXIT_CODES.noData);
  }
  const ledgerNames = names.filter((name) => name.endsWith(".jsonl")).sort();
  if (ledgerNames.length === 0)
    throw new CliError(`the ledger folder ${dir} holds no .jsonl files yet.`, EXIT_CODES.noData);
  const firstDay = since?.toISOString().slice(0, 10);
  const lastDay = until === undefined ? undefined : new Date(until.getTime() - 1).toISOString().slice(0, 10);
  return ledgerNames
    .filter((name) => {
      const day = DAY_FILE.exec(name)?.[1];
      if (day === undefined) return true;
      return (firstDay === undefined || day >= firstDay) && (lastDay === undefined || day <= lastDay);
    })
    .map((name) => join(dir, name));
}
