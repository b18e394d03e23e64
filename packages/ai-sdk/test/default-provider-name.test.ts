import { describe, expect, it } from "vitest";
import { aiSdkAdapter } from "../src/ai-sdk-adapter.js";
import { WHOLE_PROVIDERS } from "./providers.js";

describe.each(WHOLE_PROVIDERS)("aiSdkAdapter(%s)", (_name, make, providerName) => {
  it(`is named ${providerName} by default, sending nothing to read the name`, () => {
    // An address nothing listens on: creating the probe model must not touch the network.
    const adapter = aiSdkAdapter(make({ baseURL: "http://127.0.0.1:1/v1", apiKey: "x" }));
    expect(adapter).toMatchObject({ specificationVersion: "v2", provider: providerName });
  });
});
