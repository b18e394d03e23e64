import { type ContentPart, RequestShapeError } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { anthropicContentBlocks } from "./anthropic-content-blocks.js";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const TEXT = Buffer.from("Clause 4: liability is capped. Überall.", "utf8").toString("base64");

describe("anthropicContentBlocks", () => {
  it("maps text, images (base64, URL, data URL) and documents (PDF base64 and URL, plain text)", () => {
    const parts: ContentPart[] = [
      { type: "text", text: "Read these." },
      { type: "text", text: "" },
      { type: "image", data: PNG, mediaType: "image/png", detail: "high" },
      { type: "image", url: "https://example.com/cat.jpg", mediaType: "image/jpeg" },
      { type: "image", url: `data:image/webp;base64,${PNG}`, mediaType: "image/webp" },
      { type: "file", data: "JVBERi0=", mediaType: "application/pdf", filename: "nda.pdf" },
      { type: "file", url: "https://example.com/msa.pdf", mediaType: "application/pdf" },
      { type: "file", data: TEXT, mediaType: "text/plain; charset=utf-8", filename: "clause.txt" },
      { type: "file", url: `data:text/plain;charset=utf-8;base64,${TEXT}`, mediaType: "text/plain" },
    ];
    expect(anthropicContentBlocks(parts, "anthropic")).toEqual([
      { type: "text", text: "Read these." },
      { type: "image", source: { type: "base64", media_type: "image/png", data: PNG } },
      { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
      { type: "image", source: { type: "base64", media_type: "image/webp", data: PNG } },
      {
        type: "document",
        source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" },
        title: "nda.pdf",
      },
      { type: "document", source: { type: "url", url: "https://example.com/msa.pdf" } },
      {
        type: "document",
        source: { type: "text", media_type: "text/plain", data: "Clause 4: liability is capped. Überall." },
        title: "clause.txt",
      },
      {
        type: "document",
        source: { type: "text", media_type: "text/plain", data: "Clause 4: liability is capped. Überall." },
      },
    ]);
  });

  it.each([
    ["a BMP image", { type: "image", data: "Qk0=", mediaType: "image/bmp" }, "images", /not image\/bmp/],
    [
      "an SVG image by URL",
      { type: "image", url: "https://example.com/a.svg", mediaType: "image/svg+xml" },
      "images",
      /not image\/svg\+xml/,
    ],
    [
      "a data URL that says TIFF",
      { type: "image", url: "data:image/tiff;base64,AAAA", mediaType: "image/png" },
      "images",
      /not image\/tiff/,
    ],
    ["an image with neither url nor data", { type: "image", mediaType: "image/png" }, "images", /needs a url or/],
    [
      "a data URL that is not base64",
      { type: "image", url: "data:image/png,rawbytes", mediaType: "image/png" },
      "images",
      /only when it is base64/,
    ],
    [
      "a spreadsheet",
      { type: "file", data: "UEsDBA==", mediaType: "application/vnd.ms-excel" },
      "files",
      /PDF and plain-text files.*not application\/vnd\.ms-excel/,
    ],
    [
      "a plain-text file by URL",
      { type: "file", url: "https://example.com/a.txt", mediaType: "text/plain" },
      "files",
      /plain-text file only as data/,
    ],
  ] as const)("refuses %s with a RequestShapeError", (_name, part, kind, message) => {
    let caught: unknown;
    try {
      anthropicContentBlocks([{ type: "text", text: "Look:" }, part as ContentPart], "claude-bedrock");
    } catch (error) {
      caught = error;
    }
    expect(RequestShapeError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ provider: "claude-bedrock", part: kind, message: expect.stringMatching(message) });
  });
});
