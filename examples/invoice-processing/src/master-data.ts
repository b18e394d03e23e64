import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const supplierSchema = z.strictObject({
  id: z.string().regex(/^SUP-\d+$/),
  name: z.string().min(1),
  country: z.string().length(2),
  vat_id: z.string().min(4),
});

/** One supplier of the master: the id accounts payable books against. */
export type Supplier = z.output<typeof supplierSchema>;

/** The supplier master file's shape; validated so a typo fails at start, not at payment. */
export const supplierMasterSchema = z.strictObject({
  version: z.string(),
  buyer: z.strictObject({ name: z.string(), country: z.string().length(2), vat_id: z.string() }),
  suppliers: z.array(supplierSchema).min(1),
});

/** A loaded supplier master. */
export type SupplierMaster = z.output<typeof supplierMasterSchema>;

const purchaseOrderLineSchema = z.strictObject({
  description: z.string().min(1),
  quantity: z.number().positive(),
  unit_price: z.number().nonnegative(),
});

/** One ordered line of a purchase order (net, in the PO's currency). */
export type PurchaseOrderLine = z.output<typeof purchaseOrderLineSchema>;

const purchaseOrderSchema = z.strictObject({
  number: z.string().regex(/^PO-\d+$/),
  supplier_id: z.string(),
  currency: z.string().length(3),
  lines: z.array(purchaseOrderLineSchema).min(1),
});

/** One open purchase order. */
export type PurchaseOrder = z.output<typeof purchaseOrderSchema>;

/** The PO list file's shape. */
export const purchaseOrderListSchema = z.strictObject({
  version: z.string(),
  purchase_orders: z.array(purchaseOrderSchema),
});

/** The reference data policy code checks invoices against. */
export interface MasterData {
  readonly suppliers: SupplierMaster;
  readonly purchaseOrders: readonly PurchaseOrder[];
}

/** The bundled master data, resolved from this module's location (see `BUNDLED_INVOICES_URL`). */
export const MASTER_DATA_URL = new URL("../master-data/", import.meta.url);

/**
 * Reads and validates the supplier master and the PO list. Synchronous on purpose: the eval
 * suite builds its requests synchronously (`EvalRoute.request`) from the same supplier master the
 * demo uses, and the two files are a few hundred bytes.
 */
export function loadMasterData(folder: URL = MASTER_DATA_URL): MasterData {
  const read = (name: string) => parseYaml(readFileSync(new URL(name, folder), "utf8"));
  return {
    suppliers: supplierMasterSchema.parse(read("suppliers.yaml")),
    purchaseOrders: purchaseOrderListSchema.parse(read("purchase-orders.yaml")).purchase_orders,
  };
}
