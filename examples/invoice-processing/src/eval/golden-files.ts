import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type GoldenExample, goldenExampleSchema } from "@modelpolicy/core";

/**
 * Reads every `<task>.jsonl` golden set in `dir`, each line validated with `goldenExampleSchema`.
 * Throws naming the file and line of the first invalid example, or of an example filed under
 * the wrong task: a golden set that does not parse is a broken eval, not an empty one.
 */
export async function loadGoldenSets(dir: string): Promise<Map<string, GoldenExample[]>> {
  const sets = new Map<string, GoldenExample[]>();
  const names = (await readdir(dir)).filter((name) => name.endsWith(".jsonl")).sort();
  for (const name of names) {
    const task = name.replace(/\.jsonl$/, "");
    const lines = (await readFile(join(dir, name), "utf8")).split("\n");
    const examples: GoldenExample[] = [];
    for (const [index, line] of lines.entries()) {
      if (line.trim() === "") continue;
      const parsed = goldenExampleSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${name}:${index + 1}: ${parsed.error.message}`);
      if (parsed.data.task !== task)
        throw new Error(`${name}:${index + 1}: task ${parsed.data.task} in the ${task} set`);
      examples.push(parsed.data);
    }
    sets.set(task, examples);
  }
  return sets;
}
