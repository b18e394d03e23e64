import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { failure, routerSetup, user } from "../__fixtures__/router-setup.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import type { AttemptRecord } from "./route-result.js";
import type { RouterMiddleware } from "./router-middleware.js";

describe("middleware", () => {
  it("sees the resolved policy, every attempt and the result", async () => {
    const seen: string[] = [];
    const attempts: AttemptRecord[] = [];
    const observer: RouterMiddleware = {
      name: "observer",
      async onCall(call, next) {
        seen.push(`call ${call.task} ${call.policy.id}@${call.policy.version}`);
        const result = await next();
        seen.push(`done ${result.outcome}`);
      },
      async onAttempt(attempt, next) {
        seen.push(`attempt ${attempt.index} ${attempt.model}`);
        attempts.push((await next()).record);
      },
    };
    const { adapter, router } = routerSetup({}, [observer]);
    adapter.script("fast-model", failure("server_error"), { reply: "ok" });
    await router.run("classification", { messages: user("x") });
    expect(seen).toEqual(["call classification classify@1", "attempt 1 fast-model", "attempt 2 fast-model", "done ok"]);
    expect(attempts.map((a) => a.outcome)).toEqual(["error", "ok"]);
  });

  it("runs next inside the middleware's async context", async () => {
    const storage = new AsyncLocalStorage<string>();
    let insideAdapter: string | undefined;
    const scoped: RouterMiddleware = {
      name: "scoped",
      onAttempt: (_attempt, next) => storage.run("attempt-scope", next),
    };
    const { adapter, router } = routerSetup({}, [scoped]);
    adapter.script("fast-model", { reply: "ok" });
    const original = adapter.generate.bind(adapter);
    adapter.generate = (call) => {
      insideAdapter = storage.getStore();
      return original(call);
    };
    await router.run("classification", { messages: user("x") });
    expect(insideAdapter).toBe("attempt-scope");
  });

  it.each([
    ["throws before next", async () => Promise.reject(new Error("boom"))],
    [
      "throws after next",
      async (next: () => Promise<unknown>) => {
        await next();
        throw new Error("boom");
      },
    ],
    ["never calls next", async () => "something else"],
    [
      "throws synchronously",
      () => {
        throw new Error("sync boom");
      },
    ],
    [
      "calls next twice",
      async (next: () => Promise<unknown>) => {
        await next();
        await next();
      },
    ],
  ])("a middleware that %s does not change the result", async (_name, hook) => {
    const broken: RouterMiddleware = {
      name: "broken",
      onCall: (_call, next) => hook(next),
      onAttempt: (_attempt, next) => hook(next),
    };
    const { adapter, router, diagnostics } = routerSetup({}, [broken]);
    adapter.script("fast-model", { reply: "the answer" });
    const result = await router.run("classification", { messages: user("x") });
    expect(result.output).toBe("the answer");
    expect(result.attempts).toHaveLength(1);
    expect(adapter.calls).toHaveLength(1);
    if (_name !== "calls next twice") expect(diagnostics.length).toBeGreaterThan(0);
  });

  it("cannot swallow a failure: the caller still gets the typed error", async () => {
    const swallowing: RouterMiddleware = {
      name: "swallowing",
      async onCall(_call, next) {
        try {
          return await next();
        } catch {
          return { outcome: "ok", output: "fake" };
        }
      },
    };
    const { adapter, router } = routerSetup({}, [swallowing]);
    adapter.script("strong-model", failure("auth"));
    const error = await router.run("risk_judgement", { messages: user("x") }).catch((e) => e);
    expect(RoutingFailedError.isInstance(error)).toBe(true);
  });
});
