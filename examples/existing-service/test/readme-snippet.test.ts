import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The root README shows this example's code as "adding it to an existing service"; keep it true.
describe("root README", () => {
  it("shows the service's setup exactly as the tested source has it", () => {
    const source = readFileSync(new URL("../src/ticket-service.ts", import.meta.url), "utf8");
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const setup = source.slice(source.indexOf("import { createRouter"), source.indexOf("  return {")).trimEnd();
    expect(setup.length).toBeGreaterThan(200);
    expect(readme).toContain(setup);
  });
});
