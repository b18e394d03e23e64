import { defineConfig } from "vitest/config";

// Each package and example is a project with its own vitest.config.ts built on vitest.shared.ts.
export default defineConfig({
  test: {
    projects: ["packages/*", "examples/*", "bench"],
    reporters: ["default", "./vitest.closing-line.ts"],
  },
});
