import { cell, reviewLine, type TextSink, wrap } from "@modelpolicy/example-workflow-kit";
import type { CallLog } from "./call-log.js";
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
  line("review", reviewLine(log.forInvoice(invoice.id)));
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
