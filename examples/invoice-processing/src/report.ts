import type { CallLog } from "./call-log.js";
import type { TaskStats } from "./task-stats.js";
import { cell, type TextSink, usd, wrap } from "./text-layout.js";
import { complete, type InvoiceAnalysis } from "./workflow/process-invoices.js";

const LABEL = 11;
const WIDTH = 100;

/** Prints one invoice's result: supplier, lines, tax, PO comparison, review, exceptions, decision. */
export function printInvoice(out: TextSink, analysis: InvoiceAnalysis, position: string, log: CallLog): void {
  const line = (label: string, text: string) => out.write(`  ${cell(label, LABEL)}${text}\n`);
  const { invoice } = analysis;
  const extraction = complete(analysis.extraction);
  const heading = extraction?.invoice_number ? ` - invoice ${extraction.invoice_number}` : "";
  out.write(`\n[${position}] ${invoice.fileName}${heading}\n`);
  const supplier = complete(analysis.supplier);
  line(
    "supplier",
    supplier
      ? `${supplier.supplier_id}${supplier.matched_name ? ` ${supplier.matched_name}` : " (not in the supplier master)"} (confidence ${supplier.confidence.toFixed(2)})`
      : "not matched",
  );
  if (extraction && analysis.extraction) {
    const { fields, coverage } = analysis.extraction.evidence;
    const verified = fields.filter((field) => field.verified).length;
    const currency = extraction.currency ?? "";
    line(
      "lines",
      `${extraction.lines.length} line${extraction.lines.length === 1 ? "" : "s"}, net ${currency} ${money(extraction.net_total)}, gross ${currency} ${money(extraction.gross_total)}; evidence ${Math.round((coverage ?? 0) * 100)}% (${verified}/${fields.length} fields quoted verbatim)`,
    );
    for (const item of extraction.lines) {
      const rate = item.vat_rate === null ? "" : `  ${item.vat_rate}%`;
      line(
        "",
        `${cell(String(item.position), 3)}${cell(item.description, 48)}${item.quantity} x ${money(item.unit_price)} = ${money(item.amount)}${rate}`,
      );
    }
  }
  const tax = analysis.tax;
  if (tax?.output && "treatment" in tax.output) {
    const served = tax.fallback.used
      ? `served by ${tax.modelServed} after fallback (${tax.fallback.reason})`
      : `by ${tax.modelServed}`;
    const flag = tax.output.ambiguous ? "AMBIGUOUS, " : "";
    line(
      "tax",
      `${tax.output.treatment}, ${flag}${tax.output.risk_level} risk (confidence ${tax.output.confidence?.toFixed(2) ?? "?"}) ${served}`,
    );
  }
  const comparison = analysis.comparison;
  if (comparison) {
    const compared = comparison.comparedWith ? ` (compared with ${comparison.comparedWith.number})` : "";
    const verdict =
      comparison.status === "matched" ? `${comparison.poNumber} matches every line` : `${comparison.status}${compared}`;
    line("PO", verdict);
    for (const mismatch of comparison.mismatches) line("", `${mismatch.kind}: ${mismatch.detail}`);
    const explanation = complete(analysis.poExplanation);
    if (explanation) line("", `why: ${wrap(explanation, WIDTH - LABEL - 5, LABEL + 7)}`);
  }
  const reviews = log.forInvoice(invoice.id).filter((entry) => entry.record.review.triggered);
  line(
    "review",
    reviews.length === 0
      ? "not needed"
      : reviews.map((entry) => `${entry.task} (${entry.record.review.reasons.join(", ")})`).join("; "),
  );
  if (analysis.exceptions.length === 0) line("exceptions", "none");
  for (const [index, exception] of analysis.exceptions.entries()) {
    line(index === 0 ? "exceptions" : "", wrap(`${exception.kind}: ${exception.detail}`, WIDTH - LABEL, LABEL + 2));
  }
  const note = complete(analysis.explanation);
  if (note) line("", `note: ${wrap(note, WIDTH - LABEL - 6, LABEL + 8)}`);
  for (const failure of analysis.failures) line("FAILED", `${failure.task}: ${failure.message}`);
  line("decision", analysis.decision === "approve" ? "APPROVE for payment" : "HOLD for a person");
}

function money(value: number | null): string {
  return value === null ? "-" : value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Prints the per-task table computed from the router's records, with a total row. */
export function printTaskTable(out: TextSink, rows: readonly TaskStats[]): void {
  const columns: [string, number, "left" | "right"][] = [
    ["task", 20, "left"],
    ["policy", 30, "left"],
    ["calls", 5, "right"],
    ["in tok", 7, "right"],
    ["out tok", 7, "right"],
    ["cost USD", 9, "right"],
    ["fallbacks", 9, "right"],
    ["reviews", 7, "right"],
    ["p50 ms", 6, "right"],
  ];
  const render = (values: string[]) =>
    `${values.map((value, index) => cell(value, columns[index]![1], columns[index]![2])).join("  ")}\n`;
  const header = render(columns.map(([name]) => name));
  const rule = `${"-".repeat(header.length - 1)}\n`;
  out.write(`\nPer task (from the router's results)\n${header}${rule}`);
  for (const row of rows) {
    out.write(
      render([
        row.task,
        row.policy,
        String(row.calls),
        String(row.inputTokens),
        String(row.outputTokens),
        usd(row.costUsd),
        String(row.fallbacks),
        String(row.reviews),
        String(row.p50LatencyMs),
      ]),
    );
  }
  const total = (pick: (row: TaskStats) => number) => String(rows.reduce((sum, row) => sum + pick(row), 0));
  const cost = rows.some((row) => row.costUsd === null) ? null : rows.reduce((sum, row) => sum + (row.costUsd ?? 0), 0);
  out.write(rule);
  out.write(
    render([
      "total",
      "",
      total((row) => row.calls),
      total((row) => row.inputTokens),
      total((row) => row.outputTokens),
      usd(cost),
      total((row) => row.fallbacks),
      total((row) => row.reviews),
      "",
    ]),
  );
}
