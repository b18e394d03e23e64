import type { TextSink } from "../text-layout.js";

/** A report sink that keeps what was written, so a test can run a demo in-process and read its output. */
export interface TextBuffer {
  readonly sink: TextSink;
  text(): string;
}

/** A fresh, empty {@link TextBuffer}. */
export function textBuffer(): TextBuffer {
  let text = "";
  return { sink: { write: (chunk: string) => (text += chunk) }, text: () => text };
}
