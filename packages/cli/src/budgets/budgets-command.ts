import { resolve } from "node:path";
import type { CommandOutput } from "../command-output.js";
import { DEFAULT_LEDGER_DIR } from "../ledger/ledger-files.js";
import { loadTable } from "../policies/load-table.js";
import { ledgerBudgets } from "./ledger-budgets.js";
import { renderBudgets } from "./render-budgets.js";

/** Options of `modelpolicy cost --budgets <table>`. */
export interface BudgetsOptions {
  /** The policy table whose `spend_budget`s are shown. */
  readonly budgets: string;
  readonly ledger?: string | undefined;
  readonly service?: string | undefined;
  readonly format: "table" | "json" | "csv";
}

/**
 * `modelpolicy cost --budgets <table>`: each policy with a spend budget, what its calls spent in
 * the budget's current window according to the ledger, what remains, and how many calls the
 * budget degraded, stopped or sent to review. The window is the router's (the UTC hour or day
 * containing now), so `--since`/`--until` do not apply. A table without budgets is an empty
 * answer with a note, not an error.
 */
export async function budgetsCommand(options: BudgetsOptions, cwd: string, now: Date): Promise<CommandOutput> {
  const { table, label } = await loadTable(options.budgets, cwd);
  const dir = resolve(cwd, options.ledger ?? DEFAULT_LEDGER_DIR);
  const rows = await ledgerBudgets(dir, table, now, options.service);
  const stderr = rows.length === 0 ? `modelpolicy: no policy in ${label} has a spend_budget.\n` : "";
  return { stdout: renderBudgets(rows, options.format), stderr };
}
