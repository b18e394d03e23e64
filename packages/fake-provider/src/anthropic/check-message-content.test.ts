import { describe, expect, it } from "vitest";
import { checkMessageContent } from "./check-message-content.js";

const PNG = "iVBORw0KGgo=";
const call = { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Oslo" } };
const result = { type: "tool_result", tool_use_id: "toolu_1", content: '{"celsius":4}' };
const ask = { role: "user", content: "Weather in Oslo?" };

describe("checkMessageContent", () => {
  it("accepts text, image and document blocks, and a tool call answered at the start of the next turn", () => {
    expect(
      checkMessageContent([
        {
          role: "user",
          content: [
            { type: "text", text: "Read these." },
            { type: "image", source: { type: "base64", media_type: "image/png", data: PNG } },
            { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
            { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } },
            { type: "document", source: { type: "text", media_type: "text/plain", data: "Clause 4." } },
            { type: "document", source: { type: "url", url: "https://example.com/nda.pdf" } },
          ],
        },
        { role: "assistant", content: [{ type: "text", text: "Checking." }, call] },
        { role: "user", content: [result, { type: "text", text: "And tomorrow?" }] },
      ]),
    ).toBeUndefined();
  });

  it.each([
    [
      "an image type Anthropic does not take",
      [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/bmp", data: PNG } }] }],
      /^messages\.0\.content\.0\.image\.source\.base64\.media_type: Input should be 'image\/jpeg'/,
    ],
    [
      "a base64 document that is not a PDF",
      [
        {
          role: "user",
          content: [{ type: "document", source: { type: "base64", media_type: "text/csv", data: "YSxi" } }],
        },
      ],
      /document\.source\.base64\.media_type: Input should be 'application\/pdf'/,
    ],
    [
      "an image by file id",
      [{ role: "user", content: [{ type: "image", source: { type: "file", file_id: "file_1" } }] }],
      /Input tag 'file' found/,
    ],
    ["an empty text block", [{ role: "user", content: [{ type: "text", text: "" }] }], /must be non-empty/],
    [
      "a tool_use block in a user turn",
      [{ role: "user", content: [call] }],
      /^messages\.0\.content\.0\.type: Input tag 'tool_use'/,
    ],
    [
      "a tool call whose input is not an object",
      [ask, { role: "assistant", content: [{ ...call, input: "Oslo" }] }],
      /tool_use\.input: Input should be a valid dictionary/,
    ],
    [
      "a tool call without its result",
      [ask, { role: "assistant", content: [call] }, { role: "user", content: "go on" }],
      /^messages\.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1/,
    ],
    [
      "a result after other content",
      [ask, { role: "assistant", content: [call] }, { role: "user", content: [{ type: "text", text: "x" }, result] }],
      /^messages\.2: Did not find 1 `tool_result` block\(s\) at the beginning/,
    ],
    [
      "a result for a call the previous turn did not make",
      [ask, { role: "assistant", content: "No call." }, { role: "user", content: [result] }],
      /^messages\.2\.content\.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_1/,
    ],
  ])("refuses %s", (_name, messages, problem) => {
    expect(checkMessageContent(messages)).toMatch(problem);
  });
});
