import type { RouteRequest, RouteResult } from "@modelpolicy/core";
import { routeStructured } from "@modelpolicy/example-workflow-kit";
import { z } from "zod";
import type { InvoiceDocument } from "../invoices.js";
import type { SupplierMaster } from "../master-data.js";
import { documentBlock } from "./document-block.js";
import type { WorkflowContext } from "./workflow-context.js";

/** Task instructions; a fixed string so the simulator's fixtures can recognise the task. */
export const SUPPLIER_MATCHING_SYSTEM_PROMPT = [
  "You match the issuer of an invoice to our supplier master.",
  "Compare the issuer's legal name, address country and VAT ID with the suppliers listed.",
  "Answer the supplier id only when name and VAT ID agree; otherwise answer unknown. Never guess a close name.",
  'Answer with JSON only: {"supplier_id": <id or "unknown">, "matched_name": <name or null>, "confidence": <0..1>}.',
].join("\n");

/** The answer `unknown`: a real answer (policy code raises the exception), not an error. */
export const UNKNOWN_SUPPLIER = "unknown";

/**
 * The answer's schema, its `supplier_id` a strict enum of the master's ids plus `unknown`: any
 * other id is a schema failure that the router repairs or escalates, so policy code never books
 * an invoice against a supplier that does not exist.
 */
export function supplierMatchSchema(master: SupplierMaster) {
  const ids = master.suppliers.map((supplier) => supplier.id);
  return z.object({
    supplier_id: z.enum([UNKNOWN_SUPPLIER, ...ids]),
    matched_name: z.string().nullable(),
    confidence: z.number().min(0).max(1),
  });
}

/** The supplier matcher's answer. */
export type SupplierMatch = z.output<ReturnType<typeof supplierMatchSchema>>;

/** The routed request for one invoice; the eval suite builds the same request for golden examples. */
export function supplierMatchingRequest(
  source: { readonly id: string; readonly text: string },
  master: SupplierMaster,
): RouteRequest<ReturnType<typeof supplierMatchSchema>> & { schema: ReturnType<typeof supplierMatchSchema> } {
  const lines = master.suppliers.map(
    (supplier) => `- ${supplier.id}: ${supplier.name}, ${supplier.country}, VAT ID ${supplier.vat_id}`,
  );
  return {
    messages: [
      { role: "system", content: SUPPLIER_MATCHING_SYSTEM_PROMPT },
      { role: "user", content: `Supplier master ${master.version}:\n${lines.join("\n")}\n\n${documentBlock(source)}` },
    ],
    schema: supplierMatchSchema(master),
    schemaName: "supplier_matching",
  };
}

/** Step a: match the issuer to the supplier master (fast tier; low confidence goes to review). */
export function matchSupplier(context: WorkflowContext, invoice: InvoiceDocument): Promise<RouteResult<SupplierMatch>> {
  return routeStructured(
    context,
    invoice.id,
    "supplier_matching",
    supplierMatchingRequest(invoice, context.masterData.suppliers),
  );
}
