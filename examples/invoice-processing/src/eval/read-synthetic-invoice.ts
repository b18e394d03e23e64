import type { LineItemExtraction } from "../workflow/extract-line-items.js";

/** A line of the invoice text that supports a field: what a model would quote. */
export interface QuotedLine {
  readonly text: string;
}

/** What the simulated reader found in an invoice, with the lines it read each part from. */
export interface SyntheticInvoiceReading {
  readonly extraction: Omit<LineItemExtraction, "evidence">;
  /** Output field → the verbatim lines that support it. */
  readonly quotes: Readonly<Record<string, readonly string[]>>;
  /** The VAT lines between the net total and the total due (none when the invoice has no breakdown). */
  readonly vatLines: readonly string[];
  readonly totalLine: string | undefined;
}

const LINE_PATTERN = /^(\d+)\s{2,}(.+?)\s{2,}(\d+(?:\.\d+)?)\s+([\d,]+\.\d{2})\s+([\d,]+\.\d{2})\s+(\d+%|-)\s*$/;

/**
 * Reads an invoice in the layout of the bundled documents and the golden generator with regular
 * expressions. It stands in for a model inside the SIMULATED eval provider only: it understands
 * exactly that synthetic layout and nothing else, which is what makes offline evals
 * deterministic. Never use it on real invoices.
 */
export function readSyntheticInvoice(text: string): SyntheticInvoiceReading {
  const rows = text.split("\n");
  const header = (label: string) => rows.find((row) => row.startsWith(`${label}: `));
  const value = (row: string | undefined) => row?.slice(row.indexOf(": ") + 2).trim();
  const number = (raw: string | undefined) => (raw === undefined ? null : Number(raw.replaceAll(",", "")));
  const quotes: Record<string, string[]> = {};
  const quote = (field: string, row: string | undefined) => {
    if (row !== undefined) quotes[field] = [...(quotes[field] ?? []), row.trim()];
  };

  const numberRow = header("Invoice number");
  const dateRow = header("Invoice date");
  const poRow = header("Purchase order");
  const currencyRow = header("Currency");
  const netRow = header("Net total");
  const totalRow = rows.find((row) => row.startsWith("Total due: "));
  const po = value(poRow);
  const lines = rows.flatMap((row) => {
    const match = LINE_PATTERN.exec(row);
    if (!match) return [];
    quote("lines", row);
    const [, position, description, quantity, unitPrice, amount, rate] = match;
    return [
      {
        position: Number(position),
        description: description!.trim(),
        quantity: Number(quantity),
        unit_price: number(unitPrice)!,
        amount: number(amount)!,
        vat_rate: rate === "-" ? null : Number(rate!.replace("%", "")),
      },
    ];
  });
  quote("invoice_number", numberRow);
  quote("invoice_date", dateRow);
  if (po !== undefined && po !== "not provided") quote("po_number", poRow);
  quote("currency", currencyRow);
  quote("net_total", netRow);
  quote("gross_total", totalRow);
  const netIndex = netRow === undefined ? -1 : rows.indexOf(netRow);
  const totalIndex = totalRow === undefined ? -1 : rows.indexOf(totalRow);
  const vatLines = netIndex >= 0 && totalIndex > netIndex ? rows.slice(netIndex + 1, totalIndex).filter(Boolean) : [];
  return {
    extraction: {
      invoice_number: value(numberRow) ?? null,
      invoice_date: value(dateRow) ?? null,
      po_number: po === undefined || po === "not provided" ? null : po,
      currency: value(currencyRow) ?? null,
      lines,
      net_total: number(value(netRow)),
      gross_total: number(/^Total due: ([\d,.]+)/.exec(totalRow ?? "")?.[1]),
    },
    quotes,
    vatLines,
    totalLine: totalRow,
  };
}
