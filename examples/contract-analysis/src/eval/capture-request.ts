import type { RouteRequest, Router } from "@modelpolicy/core";
import { CallLog } from "../call-log.js";
import type { Playbook } from "../playbook.js";
import type { WorkflowContext } from "../workflow/workflow-context.js";

/**
 * The routed request a workflow step would send, without sending it: the step runs against a
 * router that records its request and never answers. The eval therefore measures exactly the
 * demo's prompts, schemas, sources and evidence fields; a changed step changes its eval with it.
 * Steps hand their request to `router.run` (or `router.stream`) synchronously (before their first `await`), which is
 * what makes this work; a step that stops doing so fails here loudly.
 */
export function captureRequest(playbook: Playbook, step: (context: WorkflowContext) => Promise<unknown>): RouteRequest {
  let captured: RouteRequest | undefined;
  const router = {
    run: (_task: string, request: RouteRequest) => {
      captured = request;
      return new Promise<never>(() => undefined);
    },
    // A streamed step (the reviewer summary) hands its request to `router.stream` the same way.
    stream: (_task: string, request: RouteRequest) => {
      captured = request;
      const never = new Promise<never>(() => undefined);
      return { result: never, [Symbol.asyncIterator]: () => ({ next: () => never }) };
    },
  } as unknown as Router;
  void step({ router, playbook, log: new CallLog() });
  if (captured === undefined) throw new Error("the workflow step did not route a call synchronously");
  return captured;
}
