import { describe, expect, it } from "vitest";
import { runDocumentWorkflows } from "./run-document-workflows.js";

/** Concurrent steps that finish in the reverse of batch order, to show the sequential ones keep it. */
function reversedFinishes(count: number) {
  const log: string[] = [];
  const waits = Array.from({ length: count }, () => {
    let resolve: () => void = () => undefined;
    const promise = new Promise<void>((settle) => {
      resolve = settle;
    });
    return { promise, resolve };
  });
  const concurrent = async (document: string, index: number) => {
    log.push(`start ${document}`);
    await waits[index]?.promise;
    log.push(`concurrent ${document}`);
    waits[index - 1]?.resolve();
  };
  return { log, concurrent, releaseLast: () => waits[count - 1]?.resolve() };
}

describe("runDocumentWorkflows", () => {
  it("runs every document's concurrent steps before any sequential step, then those in batch order", async () => {
    const documents = ["a", "b", "c"];
    const { log, concurrent, releaseLast } = reversedFinishes(documents.length);
    const running = runDocumentWorkflows("test_workflow", documents, (document) => document, {
      concurrent,
      sequential: async (document) => {
        log.push(`sequential ${document}`);
      },
    });
    releaseLast();
    await running;
    expect(log).toEqual([
      "start a",
      "start b",
      "start c",
      "concurrent c",
      "concurrent b",
      "concurrent a",
      "sequential a",
      "sequential b",
      "sequential c",
    ]);
  });

  it("hands a failed document's turn on, finishes the batch in order, then rethrows the failure", async () => {
    const log: string[] = [];
    const failure = new Error("b failed");
    const running = runDocumentWorkflows("test_workflow", ["a", "b", "c"], (document) => document, {
      concurrent: async (document) => {
        if (document === "b") throw failure;
      },
      sequential: async (document) => {
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`sequential ${document}`);
      },
    });
    await expect(running).rejects.toBe(failure);
    expect(log).toEqual(["sequential a", "sequential c"]);
  });
});
