import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PolicyTableError, parsePolicyTableText } from "@modelpolicy/core";
import { tierModelVariable } from "@modelpolicy/example-workflow-kit";
import { describe, expect, it } from "vitest";
import { loadContractTable, POLICIES_URL } from "./policy-table.js";

describe("loadContractTable", () => {
  it("loads policies.yaml unchanged without overrides", async () => {
    const { table, overrides } = await loadContractTable({});
    const direct = parsePolicyTableText(await readFile(POLICIES_URL), { source: "policies.yaml" });
    expect(overrides).toEqual({});
    expect(table.tiers).toEqual(direct.tiers);
    expect(table.policies.map((policy) => policy.digest)).toEqual(direct.policies.map((policy) => policy.digest));
  });

  it("replaces tier models from MODELPOLICY_MODEL_<TIER> through a freshly validated table", async () => {
    const { table, overrides } = await loadContractTable({
      [tierModelVariable("fast")]: "gpt-4o-mini",
      MODELPOLICY_MODEL_STRONG: " o3 ",
    });
    expect(overrides).toEqual({ fast: "gpt-4o-mini", strong: "o3" });
    expect(table.tiers.fast?.model).toBe("gpt-4o-mini");
    expect(table.tiers.strong?.model).toBe("o3");
    expect(table.tiers.standard?.model).toBe("gpt-4.1-mini");
    expect(Object.isFrozen(table)).toBe(true);
  });

  it("reports a broken table file as a PolicyTableError", async () => {
    const folder = await mkdtemp(join(tmpdir(), "contract-table-"));
    const path = join(folder, "policies.yaml");
    await writeFile(path, "version: '1'\ntiers: { fast: { provider: openai, model: m } }\npolicies: [{ id: x }]\n");
    await expect(loadContractTable({ MODELPOLICY_MODEL_FAST: "other" }, pathToFileURL(path))).rejects.toBeInstanceOf(
      PolicyTableError,
    );
    await rm(folder, { recursive: true, force: true });
  });
});
