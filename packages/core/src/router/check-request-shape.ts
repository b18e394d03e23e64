import type { ModelAdapter } from "../adapter/model-adapter.js";
import { RequestShapeError } from "../errors/request-shape-error.js";
import type { ChainTarget } from "./fallback-chain.js";
import type { RouteRequest } from "./route-request.js";

/**
 * Refuses, before anything is sent, a request that some provider on its chain cannot take: tools,
 * or tool calls and results in the history, need an adapter that declares `accepts.tools`. The
 * whole chain is checked, since a fallback that dropped the tools would answer another question.
 */
export function checkRequestShape(
  adapters: ReadonlyMap<string, ModelAdapter>,
  chain: readonly ChainTarget[],
  request: RouteRequest,
  task: string,
): void {
  if (!usesTools(request)) return;
  for (const target of chain) {
    if (target.kind !== "model") continue;
    const adapter = adapters.get(target.provider);
    if (adapter !== undefined && adapter.accepts?.tools !== true) {
      throw new RequestShapeError(
        `task "${task}" sends tools, which provider "${target.provider}"${adapter.api ? ` (api ${adapter.api})` : ""} does not take`,
        target.provider,
        "tools",
      );
    }
  }
}

function usesTools(request: RouteRequest): boolean {
  if (request.tools?.length) return true;
  return request.messages.some((message) => message.role === "tool" || "toolCalls" in message);
}
