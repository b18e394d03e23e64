import { LEDGER_COLUMNS, type LedgerColumnKind } from "@modelpolicy/core/conventions";

/** The DuckDB type each JSON kind of a ledger column is read as. */
const DUCKDB_TYPES: Readonly<Record<LedgerColumnKind, string>> = {
  string: "VARCHAR",
  integer: "BIGINT",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  "string[]": "VARCHAR[]",
};

/** The keys every ledger line carries about the span itself, before the attribute columns. */
const SPAN_COLUMN_TYPES = {
  schema: "INTEGER",
  time: "VARCHAR",
  start_time: "VARCHAR",
  trace_id: "VARCHAR",
  span_id: "VARCHAR",
  service: "VARCHAR",
  duration_ms: "DOUBLE",
} as const;

type AttributeColumn = (typeof LEDGER_COLUMNS)[number]["key"];

/**
 * The ledger's keys and the DuckDB type each is read as: the span's own keys, then one column
 * per routed-call attribute from the conventions registry (`LEDGER_COLUMNS`), the same list the
 * otel ledger exporter writes. Types are explicit so that DuckDB never guesses a column's type
 * from a sample that happens to be all nulls.
 */
export const LEDGER_COLUMN_TYPES: Readonly<Record<keyof typeof SPAN_COLUMN_TYPES | AttributeColumn, string>> = {
  ...SPAN_COLUMN_TYPES,
  ...(Object.fromEntries(LEDGER_COLUMNS.map((column) => [column.key, DUCKDB_TYPES[column.kind]])) as Record<
    AttributeColumn,
    string
  >),
};

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
