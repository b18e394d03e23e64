import { readFile } from "node:fs/promises";
import { type PolicyTable, parsePolicyTable } from "@modelpolicy/core";
import { parse as parseYaml } from "yaml";

/** The table the demo runs, resolved from this module's location (see `BUNDLED_INVOICES_URL`). */
export const POLICIES_URL = new URL("../policies.yaml", import.meta.url);

/** Environment variable that replaces one tier's model, e.g. `MODELPOLICY_MODEL_FAST=gpt-4.1-nano`. */
export function tierModelVariable(tier: string): string {
  return `MODELPOLICY_MODEL_${tier.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/**
 * Loads policies.yaml and applies per-tier model overrides from the environment. The override
 * builds a new table object and validates it again through `parsePolicyTable`, so an override
 * that breaks a rule (an output cap, say) fails like a bad file would, and the loaded table is
 * never mutated.
 */
export async function loadInvoiceTable(
  env: Readonly<Record<string, string | undefined>> = process.env,
  url: URL = POLICIES_URL,
): Promise<{ table: PolicyTable; overrides: Record<string, string> }> {
  const document = parseYaml(await readFile(url, "utf8")) as { tiers?: Record<string, Record<string, unknown>> };
  const overrides: Record<string, string> = {};
  const tiers = Object.fromEntries(
    Object.entries(document.tiers ?? {}).map(([tier, binding]) => {
      const model = env[tierModelVariable(tier)]?.trim();
      if (!model) return [tier, binding];
      overrides[tier] = model;
      return [tier, { ...binding, model }];
    }),
  );
  const source = url.pathname.split("/").pop() ?? "policies.yaml";
  return { table: parsePolicyTable({ ...document, tiers }, source), overrides };
}
