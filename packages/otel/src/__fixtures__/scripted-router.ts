import { createRouter, parsePolicyTable, type RouterMiddleware } from "@modelpolicy/core";
import { ScriptedAdapter } from "@modelpolicy/core/testing";
import { testTable } from "./tables.js";

/** A router over the test table with one scripted adapter and the given middleware. */
export function scriptedRouter(middleware: RouterMiddleware[], adapter = new ScriptedAdapter()) {
  const diagnostics: string[] = [];
  const router = createRouter(parsePolicyTable(testTable()), {
    adapters: [adapter],
    middleware,
    onDiagnostic: (message) => diagnostics.push(message),
  });
  return { adapter, router, diagnostics };
}

/** One user message. */
export const user = (content: string) => [{ role: "user" as const, content }];
