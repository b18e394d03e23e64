import { readFile } from "node:fs/promises";
import { type PolicyTable, parsePolicyTable } from "@modelpolicy/core";
import { parse as parseYaml } from "yaml";

/**
 * Environment variable that replaces one tier's model, e.g. `MODELPOLICY_MODEL_FAST=gpt-4.1-nano`,
 * so a run can try another model without editing the reviewed policies file.
 */
export function tierModelVariable(tier: string): string {
  return `MODELPOLICY_MODEL_${tier.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** A validated table and the tier models the environment replaced (tier -> model), for the banner. */
export interface LoadedPolicyTable {
  readonly table: PolicyTable;
  readonly overrides: Record<string, string>;
}

/**
 * Loads a policies.yaml and applies per-tier model overrides from the environment. The override
 * builds a new table object and validates it again through `parsePolicyTable`, so an override
 * that breaks a rule (an output cap, say) fails like a bad file would, and the loaded table is
 * never mutated.
 */
export async function loadPolicyTable(
  url: URL,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<LoadedPolicyTable> {
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
