import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { type ExitHookTarget, installExitHooks } from "./exit-hooks.js";

/** A process stand-in: real listeners, and `kill` recorded instead of sent. */
class FakeProcess extends EventEmitter implements ExitHookTarget {
  readonly pid = 4242;
  readonly kills: [number, string][] = [];
  kill(pid: number, signal: NodeJS.Signals): boolean {
    this.kills.push([pid, signal]);
    return true;
  }
}

function counter() {
  let flushes = 0;
  let release: () => void = () => undefined;
  const flush = () => {
    flushes += 1;
    return new Promise<void>((resolve) => {
      release = resolve;
    });
  };
  return { flush, flushes: () => flushes, release: () => release() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("installExitHooks", () => {
  it("flushes on SIGINT, then re-raises the signal when the host has no handler of its own", async () => {
    const target = new FakeProcess();
    const { flush, flushes, release } = counter();
    installExitHooks(flush, target);
    target.emit("SIGINT", "SIGINT");
    expect(flushes()).toBe(1);
    expect(target.listenerCount("SIGINT")).toBe(0);
    expect(target.listenerCount("SIGTERM")).toBe(0);
    expect(target.kills).toEqual([]);
    release();
    await settle();
    expect(target.kills).toEqual([[4242, "SIGINT"]]);
  });

  it("flushes on SIGTERM but leaves exiting to the host's own handler", async () => {
    const target = new FakeProcess();
    const hostCalls: string[] = [];
    target.on("SIGTERM", (signal: string) => hostCalls.push(signal));
    const { flush, flushes, release } = counter();
    installExitHooks(flush, target);
    target.emit("SIGTERM", "SIGTERM");
    release();
    await settle();
    expect(flushes()).toBe(1);
    expect(hostCalls).toEqual(["SIGTERM"]);
    expect(target.kills).toEqual([]);
    expect(target.listenerCount("SIGTERM")).toBe(1);
  });

  it("re-raises even when the flush fails", async () => {
    const target = new FakeProcess();
    installExitHooks(() => Promise.reject(new Error("collector down")), target);
    target.emit("SIGTERM", "SIGTERM");
    await settle();
    expect(target.kills).toEqual([[4242, "SIGTERM"]]);
  });

  it("flushes once on beforeExit and lets the process end by itself", async () => {
    const target = new FakeProcess();
    const { flush, flushes, release } = counter();
    installExitHooks(flush, target);
    target.emit("beforeExit", 0);
    release();
    await settle();
    target.emit("beforeExit", 0);
    expect(flushes()).toBe(1);
    expect(target.kills).toEqual([]);
    expect(target.listenerCount("beforeExit")).toBe(0);
  });

  it("removes every listener it added when uninstalled", () => {
    const target = new FakeProcess();
    const uninstall = installExitHooks(async () => undefined, target);
    expect(["SIGTERM", "SIGINT", "beforeExit"].map((event) => target.listenerCount(event))).toEqual([1, 1, 1]);
    uninstall();
    uninstall();
    expect(["SIGTERM", "SIGINT", "beforeExit"].map((event) => target.listenerCount(event))).toEqual([0, 0, 0]);
  });
});
