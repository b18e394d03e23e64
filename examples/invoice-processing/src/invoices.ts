import { readdir, readFile } from "node:fs/promises";

/** One invoice as the workflow sees it: an id the prompts and evidence quotes use, and its text. */
export interface InvoiceDocument {
  /** File name without extension; also the evidence `source_id`. */
  readonly id: string;
  readonly fileName: string;
  readonly text: string;
}

/**
 * The bundled synthetic invoices, resolved from this module's location rather than the working
 * directory, so `node dist/main.js` works from the repository root and from the example folder.
 */
export const BUNDLED_INVOICES_URL = new URL("../documents/", import.meta.url);

/** Reads every `.txt` invoice in a folder, sorted by file name so runs are reproducible. */
export async function loadInvoices(folder: URL = BUNDLED_INVOICES_URL): Promise<InvoiceDocument[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith(".txt")).sort();
  return Promise.all(
    names.map(async (fileName) => ({
      id: fileName.replace(/\.txt$/, ""),
      fileName,
      text: await readFile(new URL(fileName, folder), "utf8"),
    })),
  );
}
