import { resolve } from "node:path";
import { CliError } from "../cli-error.js";
import type { CommandOutput } from "../command-output.js";
import { EXIT_CODES } from "../exit-codes.js";
import { DEFAULT_LEDGER_DIR } from "../ledger/ledger-files.js";
import { type GroupKey, groupColumns } from "../options/group-keys.js";
import { ledgerCost } from "./ledger-cost.js";
import { prometheusCost } from "./prometheus-cost.js";
import { type CostFormat, renderCost } from "./render-cost.js";

/** Parsed options of `modelpolicy cost`. */
export interface CostOptions {
  readonly by: readonly GroupKey[];
  readonly since?: Date | undefined;
  readonly until?: Date | undefined;
  readonly service?: string | undefined;
  readonly format: CostFormat;
  /** Ledger folder; the default source, `.modelpolicy/ledger` under `cwd` when neither is given. */
  readonly ledger?: string | undefined;
  readonly prometheus?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

/**
 * `modelpolicy cost`: cost and call figures per group from the ledger or Prometheus, rendered in
 * the requested format. Notes about skipped lines go to stderr so stdout stays machine-readable.
 */
export async function costCommand(options: CostOptions, cwd: string, now = new Date()): Promise<CommandOutput> {
  if (options.since !== undefined && options.until !== undefined && options.since >= options.until) {
    throw new CliError("--since must be before --until.", EXIT_CODES.usage);
  }
  const by = groupColumns(options.by);
  if (options.prometheus !== undefined) {
    const report = await prometheusCost({ url: options.prometheus, timeoutMs: options.timeoutMs }, by, {
      ...options,
      now,
    });
    return { stdout: renderCost(report, options.format), stderr: "" };
  }
  const dir = resolve(cwd, options.ledger ?? DEFAULT_LEDGER_DIR);
  const { report, tornLines, malformedLines } = await ledgerCost(dir, by, options);
  const notes: string[] = [];
  if (tornLines > 0) notes.push(`skipped ${tornLines} torn line(s): a writer stopped mid-record.`);
  if (malformedLines > 0) notes.push(`skipped ${malformedLines} line(s) that are not ledger records.`);
  return { stdout: renderCost(report, options.format), stderr: notes.map((note) => `modelpolicy: ${note}\n`).join("") };
}
