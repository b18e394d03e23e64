import { createRequire } from "node:module";
import type { Document, LineCounter, Node } from "yaml";
import { PolicyTableError, type PolicyTableIssue } from "../errors/policy-table-error.js";

type Yaml = typeof import("yaml");

let loaded: Yaml | undefined;

/**
 * The yaml package, loaded by the first table read from text: 72 CommonJS modules that most
 * processes importing this package (a service with a TypeScript table) never need, and a large
 * share of what `import("@modelpolicy/core")` cost (docs/decisions/2026-11-30-hot-path-node-24.md).
 */
function yaml(): Yaml {
  loaded ??= createRequire(import.meta.url)("yaml") as Yaml;
  return loaded;
}

/** The value a table's text holds, and a way to give each issue about it a line and column. */
export interface TableText {
  readonly value: unknown;
  /** The issues with `line`/`column` where the text has the node at fault, in document order. */
  place(issues: readonly PolicyTableIssue[]): PolicyTableIssue[];
}

/**
 * Reads YAML (or JSON) text into a value, keeping the parsed document so that a problem found
 * later by the schema can be traced back to a line and column. Syntax errors end here, all of
 * them, each at its own position. JSON is read by `JSON.parse` (the format's own rules) and
 * placed through the YAML document of the same text, which JSON is a subset of.
 */
export function readTableText(text: string, format: "yaml" | "json", source: string | undefined): TableText {
  if (format === "json") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const at = /\(line (\d+) column (\d+)\)/.exec(reason);
      throw new PolicyTableError(
        [
          {
            path: [],
            code: "syntax",
            message: `not valid JSON: ${reason}`,
            line: number(at?.[1]),
            column: number(at?.[2]),
          },
        ],
        source,
      );
    }
    const { LineCounter, parseDocument } = yaml();
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines });
    return { value, place: (issues) => (document.errors.length > 0 ? [...issues] : placed(issues, document, lines)) };
  }

  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const syntax = document.errors.map(
    (error): PolicyTableIssue => ({
      path: [],
      code: "syntax",
      // yaml appends " at line L, column C:" and a source excerpt; the position is kept as data.
      message: `not valid YAML: ${error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, "")}`,
      line: error.linePos?.[0].line,
      column: error.linePos?.[0].col,
    }),
  );
  if (syntax.length > 0) throw new PolicyTableError(syntax, source);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PolicyTableError([{ path: [], code: "syntax", message: `not valid YAML: ${reason}` }], source);
  }
  return { value, place: (issues) => placed(issues, document, lines) };
}

function placed(issues: readonly PolicyTableIssue[], document: Document, lines: LineCounter): PolicyTableIssue[] {
  const withPositions = issues.map((issue) => {
    const offset = offsetOf(document, issue);
    if (offset === undefined) return issue;
    const { line, col } = lines.linePos(offset);
    return { ...issue, line, column: col };
  });
  // Stable: issues at one position keep the order the checks gave them.
  return withPositions.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * Where an issue's path leads in the document: the key itself for an unknown key (the key is
 * what is wrong), the value for anything else, and for a path that ends at a key nobody wrote
 * (a missing field) the deepest mapping or list that exists, which is the one lacking it.
 */
function offsetOf(document: Document, issue: PolicyTableIssue): number | undefined {
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  let node: unknown = document.contents;
  let key: Node | undefined;
  for (const part of issue.path) {
    if (isAlias(node)) node = node.resolve(document);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(part));
      if (!pair) return rangeStart(node);
      key = pair.key as Node;
      next = pair.value;
    } else if (isSeq(node) && typeof part === "number" && node.items[part] !== undefined) {
      key = undefined;
      next = node.items[part];
    } else return rangeStart(node);
    if (next === null || next === undefined) return rangeStart(key);
    node = next;
  }
  return issue.code === "unrecognized_keys" && key ? rangeStart(key) : rangeStart(node);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: readonly number[] | null } | null | undefined)?.range;
  return range?.[0];
}

function number(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}
