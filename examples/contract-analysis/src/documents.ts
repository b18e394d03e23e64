import { readdir, readFile } from "node:fs/promises";

/** One contract as the workflow sees it: an id the prompts and evidence quotes use, and its text. */
export interface ContractDocument {
  /** File name without extension; also the evidence `source_id`. */
  readonly id: string;
  readonly fileName: string;
  /** First non-empty line, the title as written. */
  readonly title: string;
  readonly text: string;
}

/**
 * The bundled synthetic contracts, resolved from this module's location rather than the working
 * directory, so `node dist/main.js` works from the repository root and from the example folder.
 */
export const BUNDLED_DOCUMENTS_URL = new URL("../documents/", import.meta.url);

/** Reads every `.txt` contract in a folder, sorted by file name so runs are reproducible. */
export async function loadDocuments(folder: URL | string = BUNDLED_DOCUMENTS_URL): Promise<ContractDocument[]> {
  const base = typeof folder === "string" ? new URL(`file://${folder.endsWith("/") ? folder : `${folder}/`}`) : folder;
  const names = (await readdir(base)).filter((name) => name.endsWith(".txt")).sort();
  return Promise.all(
    names.map(async (fileName) => {
      const text = await readFile(new URL(fileName, base), "utf8");
      const title =
        text
          .split("\n")
          .find((line) => line.trim() !== "")
          ?.trim() ?? fileName;
      return { id: fileName.replace(/\.txt$/, ""), fileName, title, text };
    }),
  );
}
