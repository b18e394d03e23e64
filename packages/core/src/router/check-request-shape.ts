import type { AdapterInputs, ModelAdapter } from "../adapter/model-adapter.js";
import { RequestShapeError } from "../errors/request-shape-error.js";
import type { ChainTarget } from "./fallback-chain.js";
import type { RouteRequest } from "./route-request.js";

/**
 * Refuses, before anything is sent, a request that some provider on its chain cannot take: tools,
 * or tool calls and results in the history, need an adapter that declares `accepts.tools`; image
 * and file parts need `accepts.images` / `accepts.files`. The whole chain is checked, since a
 * fallback that dropped a part would answer another question.
 */
export function checkRequestShape(
  adapters: ReadonlyMap<string, ModelAdapter>,
  chain: readonly ChainTarget[],
  request: RouteRequest,
  task: string,
): void {
  const needs = neededInputs(request);
  if (needs.length === 0) return;
  for (const target of chain) {
    if (target.kind !== "model") continue;
    const adapter = adapters.get(target.provider);
    if (adapter === undefined) continue;
    const missing = needs.find((input) => adapter.accepts?.[input] !== true);
    if (missing !== undefined) {
      throw new RequestShapeError(
        `task "${task}" sends ${missing}, which provider "${target.provider}"${adapter.api ? ` (api ${adapter.api})` : ""} does not take`,
        target.provider,
        missing,
      );
    }
  }
}

/** What the request sends beyond text, as the names of {@link AdapterInputs} flags. */
function neededInputs(request: RouteRequest): (keyof AdapterInputs)[] {
  const needs = new Set<keyof AdapterInputs>();
  if (usesTools(request)) needs.add("tools");
  for (const message of request.messages) {
    if (typeof message.content !== "object") continue;
    for (const part of message.content) {
      if (part.type === "image") needs.add("images");
      else if (part.type === "file") needs.add("files");
    }
  }
  return [...needs];
}

function usesTools(request: RouteRequest): boolean {
  if (request.tools?.length) return true;
  return request.messages.some((message) => message.role === "tool" || "toolCalls" in message);
}
