/**
 * RFC 4180 CSV with a header line. Values are quoted only when they must be; `null` is an empty
 * field, so spreadsheets and DuckDB read it as missing, not as the text "null".
 */
export function formatCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `${[headers, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = Array.isArray(value) ? value.join(";") : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
