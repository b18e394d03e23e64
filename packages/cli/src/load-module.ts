import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CliError } from "./cli-error.js";
import { EXIT_CODES } from "./exit-codes.js";

/**
 * Resolves a file argument from the working directory and checks it exists: a missing file is
 * "no data source" (exit 3), like a missing ledger, so scripts can tell it from a typo in a flag.
 */
export async function existingFile(path: string, cwd: string, what: string): Promise<string> {
  const absolute = resolve(cwd, path);
  let isFile = false;
  try {
    isFile = (await stat(absolute)).isFile();
  } catch {
    throw new CliError(`no ${what} at ${absolute}.`, EXIT_CODES.noData);
  }
  if (!isFile) throw new CliError(`${what} ${absolute} is not a file.`, EXIT_CODES.noData);
  return absolute;
}

/**
 * Imports a JavaScript module by path (the built `dist/*.js` of a workflow, or a `.ts` file under
 * a loader such as tsx). A module that fails to load is invalid input (exit 6), with the reason.
 */
export async function importModule(absolute: string, what: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CliError(`${what} ${absolute} could not be loaded: ${reason}`, EXIT_CODES.invalidInput, { cause: error });
  }
}
