import { type GoldenExample, goldenExampleSchema, type RouteKind } from "@modelpolicy/core";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { EXPECTED_SCHEMAS } from "./expected-schemas.js";
import type { GoldenSetIssue } from "./golden-set-error.js";

/** How to read one golden file. */
export interface GoldenTextOptions {
  /** Shown in every issue: the file path as the user gave it. */
  readonly file: string;
  readonly format: "jsonl" | "yaml";
  /** The route the file is for: every example's `task` must name it. */
  readonly route?: string | undefined;
  /** The route's kind: `expected` is checked against its shape. */
  readonly kind?: RouteKind | undefined;
}

/** What a golden file held: the valid examples and every problem (callers throw on any). */
export interface ParsedGoldenText {
  readonly examples: GoldenExample[];
  readonly issues: GoldenSetIssue[];
}

/**
 * Parses a golden set from text, JSONL (one example a line; blank lines allowed) or YAML (a list
 * of examples, or `examples:` holding one). Never throws: every problem comes back as an issue
 * with its line, so the caller reports all of them at once, like a policy table.
 */
export function parseGoldenText(text: string, options: GoldenTextOptions): ParsedGoldenText {
  const entries = options.format === "jsonl" ? jsonlEntries(text, options.file) : yamlEntries(text, options.file);
  const issues: GoldenSetIssue[] = [...entries.issues];
  const examples: GoldenExample[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const { value, line } of entries.values) {
    const at = (path: readonly (string | number)[], code: string, message: string) =>
      issues.push({ file: options.file, line, path, code, message });
    const parsed = goldenExampleSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) at(pathOf(issue.path), issue.code, issue.message);
      continue;
    }
    const example = parsed.data;
    let valid = true;
    if (options.route !== undefined && example.task !== options.route) {
      at(["task"], "wrong_task", `"${example.task}" in the golden set of route "${options.route}"`);
      valid = false;
    }
    if (options.kind !== undefined) {
      const expected = EXPECTED_SCHEMAS[options.kind].safeParse(example.expected);
      if (!expected.success) {
        for (const issue of expected.error.issues) {
          at(["expected", ...pathOf(issue.path)], issue.code, `${issue.message} (a ${options.kind} route)`);
        }
        valid = false;
      }
    }
    const first = firstLineOfId.get(example.id);
    if (first !== undefined) {
      at(["id"], "duplicate_id", `duplicate example id "${example.id}" (first at line ${first})`);
      valid = false;
    } else firstLineOfId.set(example.id, line);
    if (valid) examples.push(example);
  }
  if (issues.length === 0 && examples.length === 0) {
    issues.push({ file: options.file, path: [], code: "empty", message: "holds no examples" });
  }
  return { examples, issues };
}

interface Entries {
  values: { value: unknown; line: number }[];
  issues: GoldenSetIssue[];
}

function jsonlEntries(text: string, file: string): Entries {
  const result: Entries = { values: [], issues: [] };
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === "") return;
    try {
      result.values.push({ value: JSON.parse(content), line });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result.issues.push({ file, line, path: [], code: "syntax", message: `not a JSON object: ${reason}` });
    }
  });
  return result;
}

function yamlEntries(text: string, file: string): Entries {
  const result: Entries = { values: [], issues: [] };
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const line = lines.linePos(error.pos[0]).line;
      result.issues.push({
        file,
        line,
        path: [],
        code: "syntax",
        message: `not valid YAML: ${error.message.split("\n")[0]}`,
      });
    }
    return result;
  }
  let list: Node | null | undefined = document.contents as Node | null;
  if (isMap(list)) list = list.get("examples", true) as Node | undefined;
  if (!isSeq(list)) {
    result.issues.push({
      file,
      line: 1,
      path: [],
      code: "invalid_type",
      message: "expected a list of examples (or examples: [...])",
    });
    return result;
  }
  for (const item of list.items) {
    const node = item as Node;
    const line = node.range ? lines.linePos(node.range[0]).line : 1;
    try {
      result.values.push({ value: node.toJS(document, { maxAliasCount: 100 }), line });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      result.issues.push({ file, line, path: [], code: "syntax", message: `cannot read this example: ${reason}` });
    }
  }
  return result;
}

function pathOf(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((part) => (typeof part === "symbol" ? String(part) : part));
}
