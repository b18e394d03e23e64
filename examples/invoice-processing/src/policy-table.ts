import { type LoadedPolicyTable, loadPolicyTable } from "@modelpolicy/example-workflow-kit";

/** The table the demo runs, resolved from this module's location (see `BUNDLED_INVOICES_URL`). */
export const POLICIES_URL = new URL("../policies.yaml", import.meta.url);

/**
 * Loads this example's policies.yaml with the per-tier model overrides of
 * `MODELPOLICY_MODEL_<TIER>` applied (see `loadPolicyTable`); `url` lets tests load a broken file.
 */
export function loadInvoiceTable(
  env: Readonly<Record<string, string | undefined>> = process.env,
  url: URL = POLICIES_URL,
): Promise<LoadedPolicyTable> {
  return loadPolicyTable(url, env);
}
