import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

// The README's schema examples are what users copy first; this runs each one as written, with
// only the imports pointed at this checkout (zod 3's at the zod 3.25 installed as `zod-v3`).
const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(join(packageDir, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Schemas for structured output"), readme.indexOf("## Contracts"));
const [setup = "", ...examples] = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
const workDir = mkdtempSync(join(packageDir, ".readme-examples-"));

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function runnable(example: string): string {
  const zod3 = example.includes("// with zod 3.25 installed");
  const code = `${setup}\n${example}`
    .replace('"@modelpolicy/core/testing"', '"../src/testing/index.ts"')
    .replace('"@modelpolicy/core"', '"../src/index.ts"');
  return zod3 ? code.replace('from "zod/v4"', 'from "zod-v3/v4"').replace('from "zod"', 'from "zod-v3"') : code;
}

describe("packages/core/README.md schema examples", () => {
  it("has one example per accepted schema kind", () => {
    expect(examples.map((example) => /^\/\/ → ([^:]+):/m.exec(example)?.[1])).toEqual([
      "zod 4",
      "zod 3.25 zod/v4",
      "zod 3 classic",
      "valibot",
      "arktype",
    ]);
  });

  it.each(examples.map((example, index) => [index + 1, example] as const))(
    "example %i prints what it says",
    async (index, example) => {
      const file = join(workDir, `example-${index}.ts`);
      writeFileSync(file, runnable(example));
      const printed: string[] = [];
      const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => {
        printed.push(parts.map(String).join(" "));
      });
      try {
        await import(pathToFileURL(file).href);
      } finally {
        log.mockRestore();
      }
      expect(printed).toEqual([/^\/\/ → (.*)$/m.exec(example)?.[1]]);
    },
  );
});
