import { DuckDBInstance, type JS } from "@duckdb/node-api";
import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";

/** A result row as plain JavaScript values. */
export type LedgerRow = Record<string, JS>;

/**
 * Runs one SQL query over ledger files in a throwaway in-memory DuckDB. A query DuckDB cannot
 * run over the files means the files are not what a ledger should be (exit 5); only the first
 * line of DuckDB's message is kept, which names the file and the problem.
 */
export async function runLedgerQuery(sql: string, parameters: Record<string, string> = {}): Promise<LedgerRow[]> {
  const instance = await DuckDBInstance.create(":memory:");
  try {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql, parameters);
      return reader.getRowObjectsJS();
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      throw new CliError(`could not read the ledger: ${message}`, EXIT_CODES.corruptData, { cause: error });
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** Time and service filters, as a SQL condition with named parameters. */
export interface LedgerFilter {
  readonly since?: Date | undefined;
  readonly until?: Date | undefined;
  readonly service?: string | undefined;
}

/**
 * The `WHERE` condition of a filter. Times compare as ISO-8601 UTC strings, which is exact for
 * what the exporter writes (`toISOString()`) and spares parsing a timestamp per line.
 */
export function ledgerFilterSql(filter: LedgerFilter): { condition: string; parameters: Record<string, string> } {
  const parts = ["schema IS NOT NULL"];
  const parameters: Record<string, string> = {};
  if (filter.since !== undefined) {
    parts.push("time >= $since");
    parameters.since = filter.since.toISOString();
  }
  if (filter.until !== undefined) {
    parts.push("time < $until");
    parameters.until = filter.until.toISOString();
  }
  if (filter.service !== undefined) {
    parts.push("service = $service");
    parameters.service = filter.service;
  }
  return { condition: parts.join(" AND "), parameters };
}
