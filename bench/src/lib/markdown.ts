/** A markdown table from a header row and body rows; cells are already formatted strings. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length), 3),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 3)).join(" | ")} |`;
  return [line(header), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** A number with a fixed count of decimals, or `–` when it is not a finite number. */
export function fixed(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : "–";
}

/** `min / median / max` of a spread, each with `decimals` decimals. */
export function triple(spread: { min: number; median: number; max: number }, decimals: number): string {
  return `${fixed(spread.min, decimals)} / **${fixed(spread.median, decimals)}** / ${fixed(spread.max, decimals)}`;
}
