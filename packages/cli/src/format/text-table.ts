/** How a column's cells line up: text left, numbers right. */
export type ColumnAlign = "left" | "right";

/**
 * Lays out rows as a plain aligned table: a header, a rule, the rows, and optional footer rows
 * under a second rule (totals). Hand-rolled because it is twenty lines, and the output must stay
 * greppable and diffable: no box drawing, no colour, trailing spaces trimmed.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: { align?: readonly ColumnAlign[]; footer?: readonly (readonly string[])[] } = {},
): string {
  const footer = options.footer ?? [];
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...[...rows, ...footer].map((row) => displayWidth(row[column] ?? ""))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const pad = " ".repeat(Math.max(0, (widths[column] ?? 0) - displayWidth(cell)));
        return options.align?.[column] === "right" ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const out = [line(headers), rule, ...rows.map(line)];
  if (footer.length > 0) out.push(rule, ...footer.map(line));
  return `${out.join("\n")}\n`;
}

// Code points, not UTF-16 units, so "≥" counts as one column.
function displayWidth(text: string): number {
  return [...text].length;
}
