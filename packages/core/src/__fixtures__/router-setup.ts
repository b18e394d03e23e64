import type { PolicyTableInput } from "../policy/policy-schema.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { createRouter } from "../router/router.js";
import type { RouterMiddleware } from "../router/router-middleware.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import { testTable } from "./tables.js";

/** A router over {@link testTable} with a scripted adapter and captured diagnostics. */
export function routerSetup(overrides: Partial<PolicyTableInput> = {}, middleware: RouterMiddleware[] = []) {
  const adapter = new ScriptedAdapter();
  const diagnostics: { message: string; error: unknown }[] = [];
  const table = parsePolicyTable(testTable(overrides));
  const router = createRouter(table, {
    adapters: [adapter],
    middleware,
    breaker: { consecutiveFailures: 3, halfOpenAfterMs: 200 },
    onDiagnostic: (message, error) => diagnostics.push({ message, error }),
  });
  return { adapter, router, table, diagnostics };
}

/** A one-message user conversation. */
export const user = (content: string) => [{ role: "user" as const, content }];

/** A scripted provider failure step. */
export const failure = (
  errorClass: "rate_limit" | "server_error" | "timeout" | "content_filter" | "context_length" | "auth" | "bad_request",
  extra: { retryAfterMs?: number; status?: number } = {},
) => ({
  error: { errorClass, message: errorClass, ...extra },
});

/** Replaces fields of one policy of {@link testTable}. */
export function patchPolicy(task: string, patch: Record<string, unknown>): Partial<PolicyTableInput> {
  const base = testTable();
  return {
    policies: base.policies.map((policy) =>
      policy.task === task ? { ...policy, ...patch } : policy,
    ) as PolicyTableInput["policies"],
  };
}
