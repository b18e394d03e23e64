import { describe, expect, it } from "vitest";
import { azureVersionAtLeast, serverProfile } from "./server-profile.js";

describe("serverProfile", () => {
  it.each([
    ["https://api.openai.com/v1", undefined, "openai", "max_completion_tokens"],
    ["https://API.OpenAI.com/v1/", undefined, "openai", "max_completion_tokens"],
    ["https://contoso.openai.azure.com/openai", "2024-10-21", "azure-openai", "max_completion_tokens"],
    ["https://contoso.openai.azure.com/openai", "2024-09-01-preview", "azure-openai", "max_completion_tokens"],
    ["https://contoso.openai.azure.com/openai", "2024-08-01-preview", "azure-openai", "max_tokens"],
    ["https://contoso.openai.azure.com/openai", "2024-06-01", "azure-openai", "max_tokens"],
    ["https://contoso.openai.azure.com/openai/v1", undefined, "azure-openai", "max_completion_tokens"],
    ["https://contoso.openai.azure.com/openai?api-version=2024-02-01", undefined, "azure-openai", "max_tokens"],
    ["http://127.0.0.1:8080/v1", undefined, "openai-compatible", "max_tokens"],
    ["http://localhost:11434/v1", undefined, "openai-compatible", "max_tokens"],
  ] as const)("%s (api-version %s) is %s and sends %s", (baseURL, apiVersion, kind, parameter) => {
    expect(serverProfile(baseURL, apiVersion)).toMatchObject({ kind, outputLimitParameter: parameter });
  });

  it("parses the URL instead of searching it: a host merely mentioning OpenAI is another server", () => {
    expect(serverProfile("http://proxy.internal/?upstream=api.openai.com", undefined).kind).toBe("openai-compatible");
    expect(serverProfile("https://api.openai.com.evil.example/v1", undefined).kind).toBe("openai-compatible");
    expect(serverProfile("https://openai.azure.com.example/v1", undefined).kind).toBe("openai-compatible");
    expect(serverProfile("not a url", undefined)).toEqual({
      kind: "openai-compatible",
      outputLimitParameter: "max_tokens",
      emptyToolCallContent: "",
    });
  });

  it("replays a tool-calling turn without text as null to OpenAI and Azure, as an empty string elsewhere", () => {
    expect(serverProfile("https://api.openai.com/v1", undefined).emptyToolCallContent).toBeNull();
    expect(serverProfile("https://contoso.openai.azure.com/openai", "2024-10-21").emptyToolCallContent).toBeNull();
    expect(serverProfile("http://127.0.0.1:8080/v1", undefined).emptyToolCallContent).toBe("");
  });

  it("lets the option override the rule either way", () => {
    expect(serverProfile("https://api.openai.com/v1", undefined, "max_tokens").outputLimitParameter).toBe("max_tokens");
    expect(serverProfile("http://127.0.0.1:8000/v1", undefined, "max_completion_tokens").outputLimitParameter).toBe(
      "max_completion_tokens",
    );
  });
});

describe("azureVersionAtLeast", () => {
  it("orders by date, a GA version after its own preview, undated schemes last", () => {
    expect(azureVersionAtLeast("2024-09-01-preview", "2024-09-01-preview")).toBe(true);
    expect(azureVersionAtLeast("2024-09-01", "2024-09-01-preview")).toBe(true);
    expect(azureVersionAtLeast("2024-09-01-preview", "2024-09-01")).toBe(false);
    expect(azureVersionAtLeast("2025-04-01-preview", "2024-09-01-preview")).toBe(true);
    expect(azureVersionAtLeast("2024-07-01-preview", "2024-09-01-preview")).toBe(false);
    expect(azureVersionAtLeast("v1", "2024-09-01-preview")).toBe(true);
  });
});
