/** Where the demo prints: `process.stdout`, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Pads or cuts a cell to `width` characters (numbers go right-aligned with `align: "right"`). */
export function cell(value: string, width: number, align: "left" | "right" = "left"): string {
  const text = value.length > width ? `${value.slice(0, width - 1)}…` : value;
  return align === "right" ? text.padStart(width) : text.padEnd(width);
}

/** Wraps prose at `width` columns, every line after the first indented by `indent` spaces. */
export function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

/** Shortens a quote for display, keeping its start. */
export function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** USD with enough digits to show fractions of a cent, or "unknown" when the price is not known. */
export function usd(value: number | null): string {
  return value === null ? "unknown" : value.toFixed(6);
}
