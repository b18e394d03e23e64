import { readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { GoldenExample, RouteKind } from "@modelpolicy/core";
import { GoldenSetError, type GoldenSetIssue } from "./golden-set-error.js";
import { parseGoldenText } from "./parse-golden-text.js";

/** Golden files larger than this are refused: a golden set is reviewed by people, line by line. */
export const MAX_GOLDEN_FILE_BYTES = 32 * 1024 * 1024;

const EXTENSIONS = [
  ["jsonl", "jsonl"],
  ["yaml", "yaml"],
  ["yml", "yaml"],
] as const;

/** One route to load a golden set for. */
export interface GoldenRoute {
  readonly name: string;
  readonly kind: RouteKind;
}

/**
 * Loads `<dir>/<route>.jsonl` (or `.yaml` / `.yml`) for every route. All-or-nothing: a missing
 * file, a syntax error, an invalid example or a duplicate id anywhere ends in one
 * {@link GoldenSetError} that lists every problem with its file and line.
 */
export async function loadGoldenSets(
  dir: string,
  routes: readonly GoldenRoute[],
  cwd: string = process.cwd(),
): Promise<Map<string, GoldenExample[]>> {
  const sets = new Map<string, GoldenExample[]>();
  const issues: GoldenSetIssue[] = [];
  for (const route of routes) {
    const found: { path: string; format: "jsonl" | "yaml" }[] = [];
    for (const [extension, format] of EXTENSIONS) {
      const path = join(dir, `${route.name}.${extension}`);
      if (await isFile(path)) found.push({ path, format });
    }
    const shown = (path: string) => relative(cwd, path) || path;
    if (found.length !== 1) {
      issues.push({
        file: shown(join(dir, `${route.name}.jsonl`)),
        path: [],
        code: found.length === 0 ? "missing" : "ambiguous",
        message:
          found.length === 0
            ? `no golden set for route "${route.name}" (looked for ${route.name}.jsonl, .yaml, .yml)`
            : `route "${route.name}" has more than one golden set: ${found.map((entry) => shown(entry.path)).join(", ")}`,
      });
      continue;
    }
    const { path, format } = found[0]!;
    const size = (await stat(path)).size;
    if (size > MAX_GOLDEN_FILE_BYTES) {
      issues.push({
        file: shown(path),
        path: [],
        code: "too_large",
        message: `${size} bytes; the limit is ${MAX_GOLDEN_FILE_BYTES}`,
      });
      continue;
    }
    const parsed = parseGoldenText(await readFile(path, "utf8"), {
      file: shown(path),
      format,
      route: route.name,
      kind: route.kind,
    });
    issues.push(...parsed.issues);
    sets.set(route.name, parsed.examples);
  }
  if (issues.length > 0) throw new GoldenSetError(issues);
  return sets;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
