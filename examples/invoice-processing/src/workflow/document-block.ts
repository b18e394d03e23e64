/**
 * The invoice as prompts present it: an id line first, because evidence quotes must name the
 * source they copy from (`source_id`), then the full text.
 */
export function documentBlock(source: { readonly id: string; readonly text: string }): string {
  return `Document ID: ${source.id}\n\n${source.text.trim()}`;
}

/** Reads the id back out of a prompt built with {@link documentBlock} (the simulator's fixtures use it). */
export function documentIdOf(prompt: string): string | undefined {
  return /^Document ID: (\S+)/m.exec(prompt)?.[1];
}
