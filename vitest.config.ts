import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources in tests (the "@modelpolicy/source"
// export condition), so a test never runs against a stale dist/.
export default defineConfig({
  resolve: { conditions: ["@modelpolicy/source"] },
  ssr: { resolve: { conditions: ["@modelpolicy/source"] } },
  test: {
    projects: ["packages/*", "examples/*"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
