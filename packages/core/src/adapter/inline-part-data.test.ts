import { describe, expect, it } from "vitest";
import { RequestShapeError } from "../errors/request-shape-error.js";
import { inlinePartData } from "./inline-part-data.js";
import { toolCallInput } from "./tool-call-input.js";

describe("inlinePartData", () => {
  it("answers base64 data, or a base64 data URL's payload and media type, and nothing for another URL", () => {
    expect(inlinePartData({ type: "image", data: "iVBOR", mediaType: "image/png" }, "p")).toEqual({
      data: "iVBOR",
      mediaType: "image/png",
    });
    expect(inlinePartData({ type: "file", url: "data:application/pdf;base64,JVBER", mediaType: "x/y" }, "p")).toEqual({
      data: "JVBER",
      mediaType: "application/pdf",
    });
    expect(inlinePartData({ type: "image", url: "https://example.com/a.png", mediaType: "image/png" }, "p")).toBe(
      undefined,
    );
  });

  it("refuses a part with neither, or a data URL that is not base64, naming the provider and the part", () => {
    const neither = () => inlinePartData({ type: "image", mediaType: "image/png" }, "acme");
    expect(neither).toThrow(/needs a url or base64 data/);
    expect(() =>
      inlinePartData({ type: "file", url: "data:text/plain,hello", mediaType: "text/plain" }, "acme"),
    ).toThrow(expect.objectContaining({ name: "RequestShapeError", provider: "acme", part: "files" }));
  });
});

describe("toolCallInput", () => {
  const call = (args: string) => ({ id: "c1", name: "lookup", arguments: args });

  it("parses the arguments into an object, the empty string as {}", () => {
    expect(toolCallInput(call('{"city":"Oslo"}'), "p", "the provider takes")).toEqual({ city: "Oslo" });
    expect(toolCallInput(call(""), "p", "the provider takes")).toEqual({});
  });

  it.each(["{not json", "[1,2]", '"Oslo"', "null"])("refuses %j with a RequestShapeError", (args) => {
    let thrown: unknown;
    try {
      toolCallInput(call(args), "acme", "Acme takes as input");
    } catch (error) {
      thrown = error;
    }
    expect(RequestShapeError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toContain("not a JSON object, which Acme takes as input");
  });
});
