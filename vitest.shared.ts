import { defineProject, type UserWorkspaceConfig } from "vitest/config";

/**
 * The settings every package's tests share: workspace packages resolve to their TypeScript
 * sources (the "@modelpolicy/source" export condition, so a test never runs against a stale
 * dist/), and timeouts generous enough for tests that start real servers. Project configs do
 * not inherit the root config, hence this helper.
 */
export function modelpolicyProject(name: string, test: UserWorkspaceConfig["test"] = {}) {
  return defineProject({
    resolve: { conditions: ["@modelpolicy/source"] },
    ssr: { resolve: { conditions: ["@modelpolicy/source"] } },
    test: { name, testTimeout: 30_000, hookTimeout: 120_000, ...test },
  });
}
