import { readFile } from "node:fs/promises";
import { extname, relative } from "node:path";
import { type PolicyTable, PolicyTableError, parsePolicyTable, parsePolicyTableText } from "@modelpolicy/core";
import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";
import { existingFile, importModule } from "../load-module.js";

const TEXT_FORMATS: Readonly<Record<string, "yaml" | "json">> = { ".yaml": "yaml", ".yml": "yaml", ".json": "json" };

/** A loaded table and how to name it in output. */
export interface LoadedTable {
  readonly table: PolicyTable;
  /** The path as the user gave it, relative to the working directory. */
  readonly label: string;
}

/**
 * Loads a policy table from a YAML or JSON file, or from a module (`.js`, `.mjs`) exporting one
 * (`default`, `table` or `policyTable`; a table from `defineTable` or a plain object). Invalid
 * tables end in exit 6 with the {@link PolicyTableError}'s full list of problems.
 */
export async function loadTable(path: string, cwd: string): Promise<LoadedTable> {
  const absolute = await existingFile(path, cwd, "policy table");
  const label = relative(cwd, absolute) || absolute;
  try {
    const format = TEXT_FORMATS[extname(absolute).toLowerCase()];
    if (format) return { table: parsePolicyTableText(await readFile(absolute), { source: label, format }), label };
    const module = await importModule(absolute, "policy table module");
    const value = module.default ?? module.table ?? module.policyTable;
    if (value === undefined) {
      throw new CliError(
        `policy table module ${label} exports no table (default, table or policyTable).`,
        EXIT_CODES.invalidInput,
      );
    }
    if (isLoadedTable(value)) return { table: value, label };
    return { table: parsePolicyTable(value, label), label };
  } catch (error) {
    if (PolicyTableError.isInstance(error))
      throw new CliError(error.message, EXIT_CODES.invalidInput, { cause: error });
    throw error;
  }
}

function isLoadedTable(value: unknown): value is PolicyTable {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as PolicyTable).policyFor === "function" &&
    Array.isArray((value as PolicyTable).policies)
  );
}
