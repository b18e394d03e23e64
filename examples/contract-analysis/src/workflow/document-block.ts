import type { ContractDocument } from "../documents.js";

/**
 * The document as prompts present it: an id line first, because evidence quotes must name the
 * source they copy from (`source_id`), then the full text.
 */
export function documentBlock(document: ContractDocument, label = "Document ID"): string {
  return `${label}: ${document.id}\n\n${document.text.trim()}`;
}

/** Reads the id back out of a prompt built with {@link documentBlock} (the simulator's fixtures use it). */
export function documentIdOf(prompt: string): string | undefined {
  return /^Document ID: (\S+)/m.exec(prompt)?.[1];
}
