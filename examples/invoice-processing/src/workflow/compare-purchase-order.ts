import type { PurchaseOrder } from "../master-data.js";
import type { LineItem, LineItemExtraction } from "./extract-line-items.js";

/** What policy code can find wrong between an invoice and the PO it names. */
export type PoMismatchKind =
  | "po_not_found"
  | "po_of_other_supplier"
  | "currency_differs"
  | "line_not_on_po"
  | "quantity_exceeds_po"
  | "price_differs"
  | "net_total_differs";

/** One mismatch, with a plain statement of the facts (the model explains it, never decides it). */
export interface PoMismatch {
  readonly kind: PoMismatchKind;
  readonly detail: string;
}

/** The comparison: the PO named, the PO it was checked against, and what does not match. */
export interface PoComparison {
  /** `missing`: the invoice names no PO; `not_found`: the number is not an open PO. */
  readonly status: "matched" | "mismatch" | "not_found" | "missing";
  readonly poNumber: string | null;
  /** The PO the lines were compared with: the one named, or the supplier's PO that fits the lines. */
  readonly comparedWith: PurchaseOrder | undefined;
  readonly mismatches: readonly PoMismatch[];
}

/** Net amounts are compared to the cent. */
const TOLERANCE = 0.005;

/**
 * Compares an extracted invoice with the open POs, in code, before any model is asked: the
 * model only explains what this finds. When the PO number is unknown, the supplier's own open PO
 * whose lines fit the invoice is offered as the likely intended one (a transposed digit is the
 * usual cause), so the reviewer sees a concrete correction rather than "not found".
 */
export function comparePurchaseOrder(
  extraction: LineItemExtraction,
  supplierId: string | undefined,
  purchaseOrders: readonly PurchaseOrder[],
): PoComparison {
  const poNumber = extraction.po_number;
  if (poNumber === null) return { status: "missing", poNumber, comparedWith: undefined, mismatches: [] };
  const named = purchaseOrders.find((order) => order.number === poNumber);
  if (named === undefined) {
    const candidate = purchaseOrders.find(
      (order) => order.supplier_id === supplierId && lineMismatches(extraction, order).length === 0,
    );
    const hint = candidate ? `; the supplier's open ${candidate.number} matches every invoiced line` : "";
    return {
      status: "not_found",
      poNumber,
      comparedWith: candidate,
      mismatches: [{ kind: "po_not_found", detail: `${poNumber} is not an open purchase order${hint}` }],
    };
  }
  const mismatches: PoMismatch[] = [];
  if (supplierId !== undefined && named.supplier_id !== supplierId) {
    mismatches.push({
      kind: "po_of_other_supplier",
      detail: `${named.number} belongs to ${named.supplier_id}, the invoice is from ${supplierId}`,
    });
  }
  if (extraction.currency !== null && extraction.currency !== named.currency) {
    mismatches.push({ kind: "currency_differs", detail: `invoice in ${extraction.currency}, PO in ${named.currency}` });
  }
  mismatches.push(...lineMismatches(extraction, named));
  return { status: mismatches.length === 0 ? "matched" : "mismatch", poNumber, comparedWith: named, mismatches };
}

function lineMismatches(extraction: LineItemExtraction, order: PurchaseOrder): PoMismatch[] {
  const mismatches: PoMismatch[] = [];
  for (const [key, lines] of groupByDescription(extraction.lines)) {
    const first = lines[0]!;
    const ordered = order.lines.find((line) => normalise(line.description) === key);
    if (ordered === undefined) {
      mismatches.push({ kind: "line_not_on_po", detail: `"${first.description}" is not on ${order.number}` });
      continue;
    }
    const quantity = lines.reduce((total, line) => total + line.quantity, 0);
    if (quantity > ordered.quantity) {
      const positions = lines.map((line) => line.position).join(", ");
      mismatches.push({
        kind: "quantity_exceeds_po",
        detail: `"${first.description}": ${quantity} invoiced (positions ${positions}), ${ordered.quantity} ordered`,
      });
    }
    for (const line of lines) {
      if (Math.abs(line.unit_price - ordered.unit_price) > TOLERANCE) {
        mismatches.push({
          kind: "price_differs",
          detail: `position ${line.position}: unit price ${line.unit_price.toFixed(2)}, PO ${ordered.unit_price.toFixed(2)}`,
        });
      }
    }
  }
  const invoiced = extraction.net_total ?? extraction.lines.reduce((total, line) => total + line.amount, 0);
  const orderedTotal = order.lines.reduce((total, line) => total + line.quantity * line.unit_price, 0);
  if (Math.abs(invoiced - orderedTotal) > TOLERANCE) {
    mismatches.push({
      kind: "net_total_differs",
      detail: `net ${invoiced.toFixed(2)} invoiced, ${orderedTotal.toFixed(2)} ordered on ${order.number}`,
    });
  }
  return mismatches;
}

function groupByDescription(lines: readonly LineItem[]): Map<string, LineItem[]> {
  const groups = new Map<string, LineItem[]>();
  for (const line of lines) {
    const key = normalise(line.description);
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return groups;
}

/** Descriptions are compared with case and spacing folded, as a clerk would read them. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}
