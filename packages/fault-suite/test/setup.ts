import { basename } from "node:path";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { afterAll, afterEach, expect } from "vitest";
import { figures, writeFileFigures } from "../src/figures.js";
import { installLogCapture } from "../src/log-capture.js";

// Every file: capture diag and console lines, give the router's awaits an async context (the
// one global a host would install), and count what must stay zero.
installLogCapture();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const onRejection = () => {
  figures.unhandledRejections += 1;
};
const onException = () => {
  figures.uncaughtExceptions += 1;
};
process.on("unhandledRejection", onRejection);
process.on("uncaughtException", onException);

afterEach((testContext) => {
  const { task } = testContext;
  figures.file = basename(task.file.filepath);
  const match = /\[case (\d+)\]/.exec(task.name) ?? /\[case (\d+)\]/.exec(task.suite?.name ?? "");
  if (match && !figures.cases.includes(Number(match[1]))) figures.cases.push(Number(match[1]));
  if (task.result?.state === "fail") figures.testsFailed += 1;
  else figures.testsPassed += 1;
});

afterAll(async () => {
  // Late rejections of the last test get a moment to surface before the count is final.
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off("unhandledRejection", onRejection);
  process.off("uncaughtException", onException);
  writeFileFigures();
  expect(figures.unhandledRejections, "unhandled rejections in this file").toBe(0);
  expect(figures.callsMade, "every call made returned a result or a typed error").toBe(
    figures.resultsReturned + figures.typedErrors,
  );
  expect(figures.canaryHits, "canary hits in this file").toBe(0);
});
