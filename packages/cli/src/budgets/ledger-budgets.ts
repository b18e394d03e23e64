import { type PolicyTable, spendWindowMs, spendWindowStart } from "@modelpolicy/core";
import { readLedgerSql } from "../ledger/ledger-columns.js";
import { selectLedgerFiles } from "../ledger/ledger-files.js";
import { ledgerFilterSql, runLedgerQuery } from "../ledger/run-ledger-query.js";

/** One policy's spend budget against what the ledger saw in the budget's current window. */
export interface BudgetRow {
  readonly policy_id: string;
  readonly policy_version: string;
  readonly window: "hour" | "day";
  /** ISO-8601 UTC start of the current window (the UTC hour or day). */
  readonly window_start: string;
  readonly on_exhausted: "degrade" | "stop" | "review";
  readonly limit_usd: number;
  /** Priced cost of the policy's calls in the window; calls of unknown price add nothing, as in the router. */
  readonly spent_usd: number;
  readonly remaining_usd: number;
  readonly calls: number;
  readonly degraded: number;
  readonly stopped: number;
  readonly reviewed: number;
}

/**
 * Each budgeted policy of the table with what its calls spent in the budget's current window
 * (the UTC hour or day containing `now`, the router's windows) and how many the budget acted
 * on. The action comes from `budget_action`; lines written before that column existed count by
 * their error class (`budget_exhausted` as `error_type` is a stop, as `fallback_reason` a
 * degrade, in `review_reasons` a review). The ledger holds what its writers saw: the budget is
 * fleet-wide, so with several services on one budget, point this at all their ledgers' lines.
 */
export async function ledgerBudgets(
  dir: string,
  table: PolicyTable,
  now: Date,
  service?: string | undefined,
): Promise<BudgetRow[]> {
  const budgeted = table.policies.filter((policy) => policy.spend_budget !== undefined);
  const rows: BudgetRow[] = [];
  for (const policy of budgeted) {
    const budget = policy.spend_budget;
    if (budget === undefined) continue;
    const start = new Date(spendWindowStart(budget.window, now.getTime()));
    const until = new Date(start.getTime() + spendWindowMs(budget.window));
    const files = await selectLedgerFiles(dir, start, until);
    const figures = files.length === 0 ? undefined : await windowFigures(files, policy.id, start, until, service);
    const spent = figures?.spent ?? 0;
    rows.push({
      policy_id: policy.id,
      policy_version: policy.version,
      window: budget.window,
      window_start: start.toISOString(),
      on_exhausted: budget.on_exhausted,
      limit_usd: budget.usd,
      spent_usd: spent,
      remaining_usd: Math.max(0, budget.usd - spent),
      calls: figures?.calls ?? 0,
      degraded: figures?.degraded ?? 0,
      stopped: figures?.stopped ?? 0,
      reviewed: figures?.reviewed ?? 0,
    });
  }
  return rows;
}

const ACTION_SQL = `COALESCE(budget_action, CASE
  WHEN error_type = 'budget_exhausted' THEN 'stop'
  WHEN fallback_reason = 'budget_exhausted' THEN 'degrade'
  WHEN list_contains(review_reasons, 'budget_exhausted') THEN 'review' END)`;

async function windowFigures(
  files: readonly string[],
  policyId: string,
  since: Date,
  until: Date,
  service: string | undefined,
): Promise<{ spent: number; calls: number; degraded: number; stopped: number; reviewed: number }> {
  const { condition, parameters } = ledgerFilterSql({ since, until, service });
  const source = readLedgerSql(files, [
    "time",
    "service",
    "policy_id",
    "cost_usd",
    "budget_action",
    "error_type",
    "fallback_reason",
    "review_reasons",
  ]);
  const sql = `SELECT COALESCE(SUM(cost_usd), 0) AS spent, COUNT(*) AS calls,
      COUNT(*) FILTER (WHERE action = 'degrade') AS degraded,
      COUNT(*) FILTER (WHERE action = 'stop') AS stopped,
      COUNT(*) FILTER (WHERE action = 'review') AS reviewed
    FROM (SELECT cost_usd, ${ACTION_SQL} AS action FROM ${source}
      WHERE ${condition} AND policy_id = $policy_id)`;
  const [row] = await runLedgerQuery(sql, { ...parameters, policy_id: policyId });
  return {
    spent: Number(row?.spent ?? 0),
    calls: Number(row?.calls ?? 0),
    degraded: Number(row?.degraded ?? 0),
    stopped: Number(row?.stopped ?? 0),
    reviewed: Number(row?.reviewed ?? 0),
  };
}
