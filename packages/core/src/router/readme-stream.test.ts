import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

// The README's streaming example is what users copy: it is this fixture, with the package import.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const example = readFileSync(new URL("./__fixtures__/readme-stream-example.ts", import.meta.url), "utf8");
const toolsExample = readFileSync(new URL("./__fixtures__/readme-stream-tools-example.ts", import.meta.url), "utf8");

describe("packages/core/README.md streaming example", () => {
  it("shows the fixture verbatim, importing from @modelpolicy/core", () => {
    const shown = example.replace('from "../../index.js"', 'from "@modelpolicy/core"');
    expect(readme).toContain(`\`\`\`ts\n${shown}\`\`\``);
  });

  it("runs: the deltas make the text, and result settles with the record", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("./__fixtures__/readme-stream-example.js");
      expect(log).toHaveBeenCalledWith("The supplier delivers monthly.", "ok", 6, true);
    } finally {
      log.mockRestore();
    }
  });

  it("shows the tools example verbatim, and it runs: no text, the call validated on result.toolCalls", async () => {
    const shown = toolsExample.replace('from "../../index.js"', 'from "@modelpolicy/core"');
    expect(readme).toContain(`\`\`\`ts\n${shown}\`\`\``);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import("./__fixtures__/readme-stream-tools-example.js");
      expect(log).toHaveBeenCalledWith('""', "lookup_order", { orderNumber: "A-1042" });
    } finally {
      log.mockRestore();
    }
  });
});
