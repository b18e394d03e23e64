/**
 * The ledger's keys and the DuckDB type each is read as. A copy of the contract that
 * `@modelpolicy/otel`'s `ledger-record.ts` writes (the CLI must not import the instrumentation):
 * only the key names are shared, and they are add-only, so this list can lag behind new keys but
 * never disagree with old ones. Types are explicit so that DuckDB never guesses a column's type
 * from a sample that happens to be all nulls.
 */
export const LEDGER_COLUMN_TYPES = {
  schema: "INTEGER",
  time: "VARCHAR",
  start_time: "VARCHAR",
  trace_id: "VARCHAR",
  span_id: "VARCHAR",
  service: "VARCHAR",
  duration_ms: "DOUBLE",
  task: "VARCHAR",
  policy_id: "VARCHAR",
  policy_version: "VARCHAR",
  policy_digest: "VARCHAR",
  table_version: "VARCHAR",
  model_tier: "VARCHAR",
  latency_tier: "VARCHAR",
  budget_input_tokens: "BIGINT",
  budget_output_tokens: "BIGINT",
  input_tokens_estimated: "BIGINT",
  evidence_required: "BOOLEAN",
  evidence_coverage: "DOUBLE",
  review_required: "BOOLEAN",
  review_triggered: "BOOLEAN",
  review_reasons: "VARCHAR[]",
  fallback_policy: "VARCHAR",
  fallback_used: "BOOLEAN",
  fallback_reason: "VARCHAR",
  attempts: "INTEGER",
  model_requested: "VARCHAR",
  model_served: "VARCHAR",
  outcome: "VARCHAR",
  cost_usd: "DOUBLE",
  input_tokens: "BIGINT",
  output_tokens: "BIGINT",
  error_type: "VARCHAR",
} as const;

/** A ledger key the CLI knows. */
export type LedgerColumn = keyof typeof LEDGER_COLUMN_TYPES;

/** A SQL string literal. Paths and user values are never spliced into SQL any other way. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The `read_json` call over the given files that yields only the columns a query needs, plus
 * `schema`: lines that are not records (torn, foreign) come back as rows of nulls under
 * `ignore_errors`, and a null `schema` is how queries tell them apart. Declaring few columns
 * keeps a million-line scan well under a second.
 */
export function readLedgerSql(files: readonly string[], columns: readonly LedgerColumn[]): string {
  const wanted = new Set<LedgerColumn>(["schema", ...columns]);
  const types = [...wanted].map((column) => `${column}: ${sqlString(LEDGER_COLUMN_TYPES[column])}`).join(", ");
  const list = files.map(sqlString).join(", ");
  return `read_json([${list}], format = 'newline_delimited', ignore_errors = true, columns = {${types}})`;
}
