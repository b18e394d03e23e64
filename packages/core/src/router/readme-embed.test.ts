import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

// The README's embeddings example is what users copy: it is this fixture, with the package import.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const example = readFileSync(new URL("./__fixtures__/readme-embed-example.ts", import.meta.url), "utf8");

describe("packages/core/README.md embeddings example", () => {
  it("shows the fixture verbatim, importing from @modelpolicy/core", () => {
    const shown = example.replace('from "../../index.js"', 'from "@modelpolicy/core"');
    expect(readme).toContain(`\`\`\`ts\n${shown}\`\`\``);
  });

  it("runs: one vector per input, in two batches, priced on the bundled input-only price", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("./__fixtures__/readme-embed-example.js");
      expect(log).toHaveBeenCalledWith(3, 2, 2, true);
    } finally {
      log.mockRestore();
    }
  });
});
