import { runWorkflow } from "@modelpolicy/otel";

/** The two phases of an example workflow over one document of a batch. */
export interface DocumentWorkflowSteps<D> {
  /** Runs for every document at once; the policies' latency tiers bound the calls in flight. */
  concurrent(document: D, index: number): Promise<void>;
  /**
   * Runs once every document's concurrent steps are done, one document at a time in batch order,
   * the way a reviewer's queue does; a later step may read what the others found.
   */
  sequential(document: D, index: number): Promise<void>;
}

/**
 * Runs a batch as one workflow run per document: each document's steps run inside
 * `runWorkflow(name, { key })` of `@modelpolicy/otel`, so its routed calls (both phases) nest
 * under one `invoke_workflow {name}` span, one trace per document, found by its key
 * (`model_policy.workflow.key`). Scheduling is the examples' own: the concurrent steps of all
 * documents together, then the sequential ones in order. A document whose steps throw still
 * hands its turn on, so the batch finishes; the first such error is rethrown at the end.
 */
export async function runDocumentWorkflows<D>(
  name: string,
  documents: readonly D[],
  keyOf: (document: D) => string,
  steps: DocumentWorkflowSteps<D>,
): Promise<void> {
  const concurrentDone = documents.map(() => latch());
  const allConcurrentDone = Promise.all(concurrentDone.map((done) => done.promise));
  const turnDone = documents.map(() => latch());
  const runs = documents.map((document, index) =>
    runWorkflow(name, { key: keyOf(document) }, async () => {
      const previousTurn = turnDone[index - 1]?.promise;
      try {
        try {
          await steps.concurrent(document, index);
        } finally {
          concurrentDone[index]?.open();
        }
        await allConcurrentDone;
        await previousTurn;
        await steps.sequential(document, index);
      } finally {
        // After the previous document's turn even when this one failed early, so order holds.
        void Promise.resolve(previousTurn).then(() => turnDone[index]?.open());
      }
    }),
  );
  const settled = await Promise.allSettled(runs);
  const failure = settled.find((result) => result.status === "rejected");
  if (failure !== undefined) throw failure.reason;
}

/** A promise and the function that resolves it. */
function latch(): { readonly promise: Promise<void>; readonly open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
