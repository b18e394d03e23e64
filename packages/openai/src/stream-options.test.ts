import { describe, expect, it } from "vitest";
import { refusesStreamOptions, sendsStreamOptions } from "./stream-options.js";

describe("sendsStreamOptions", () => {
  it("asks OpenAI for usage, and other servers only when told to", () => {
    expect(sendsStreamOptions("https://api.openai.com/v1", undefined)).toBe(true);
    expect(sendsStreamOptions("http://127.0.0.1:8000/v1", undefined)).toBe(false);
    expect(sendsStreamOptions("http://127.0.0.1:8000/v1", undefined, true)).toBe(true);
    expect(sendsStreamOptions("https://api.openai.com/v1", undefined, false)).toBe(false);
  });

  it("asks Azure only from the API version that knows the field", () => {
    const azure = "https://contoso.openai.azure.com/openai";
    expect(sendsStreamOptions(azure, "2024-06-01")).toBe(false);
    expect(sendsStreamOptions(azure, "2024-08-01-preview")).toBe(true);
    expect(sendsStreamOptions(azure, "2024-10-21")).toBe(true);
    expect(sendsStreamOptions(`${azure}?api-version=2024-02-01`, undefined)).toBe(false);
  });
});

describe("refusesStreamOptions", () => {
  const error = (status: number, message: string) => Object.assign(new Error(message), { status });

  it("recognises a body that names the field", () => {
    expect(refusesStreamOptions(error(400, "400 Unrecognized request argument supplied: stream_options"))).toBe(true);
    expect(refusesStreamOptions(error(422, "extra inputs are not permitted: body.stream_options"))).toBe(true);
  });

  it("ignores other refusals and gateway errors", () => {
    expect(refusesStreamOptions(error(400, "400 Invalid value for 'temperature'"))).toBe(false);
    expect(refusesStreamOptions(error(503, "upstream rejected stream_options"))).toBe(false);
    expect(refusesStreamOptions(new Error("stream_options"))).toBe(false);
  });
});
