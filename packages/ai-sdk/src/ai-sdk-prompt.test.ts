import { type ChatMessage, RequestShapeError } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import type { AiSdkFileData } from "./ai-sdk-message.js";
import { aiSdkPrompt, untaggedFileData } from "./ai-sdk-prompt.js";

const tagged = (data: AiSdkFileData) => data;

const toolTurn: ChatMessage[] = [
  { role: "system", content: "You answer about orders." },
  { role: "user", content: "Where are A1 and A2?" },
  {
    role: "assistant",
    content: "Looking them up.",
    toolCalls: [
      { id: "call_1", name: "lookup_order", arguments: '{"orderNumber":"A1"}' },
      { id: "call_2", name: "lookup_order", arguments: '{"orderNumber":"A2"}' },
    ],
  },
  { role: "tool", toolCallId: "call_1", content: '{"status":"shipped"}' },
  { role: "tool", toolCallId: "call_2", content: '{"status":"packed"}' },
  { role: "assistant", toolCalls: [{ id: "call_3", name: "list_orders", arguments: "" }] },
  { role: "tool", toolCallId: "call_3", content: "none" },
];

function refusal(run: () => unknown): RequestShapeError {
  try {
    run();
  } catch (error) {
    if (RequestShapeError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a RequestShapeError");
}

describe("aiSdkPrompt", () => {
  it("replays tool calls with parsed input, and results named after their call, consecutive ones in one tool message", () => {
    expect(aiSdkPrompt(toolTurn, "openai", tagged)).toEqual([
      { role: "system", content: "You answer about orders." },
      { role: "user", content: [{ type: "text", text: "Where are A1 and A2?" }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Looking them up." },
          { type: "tool-call", toolCallId: "call_1", toolName: "lookup_order", input: { orderNumber: "A1" } },
          { type: "tool-call", toolCallId: "call_2", toolName: "lookup_order", input: { orderNumber: "A2" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_1",
            toolName: "lookup_order",
            output: { type: "text", value: '{"status":"shipped"}' },
          },
          {
            type: "tool-result",
            toolCallId: "call_2",
            toolName: "lookup_order",
            output: { type: "text", value: '{"status":"packed"}' },
          },
        ],
      },
      // No text: only the call. Empty arguments are the empty object.
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "call_3", toolName: "list_orders", input: {} }] },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_3",
            toolName: "list_orders",
            output: { type: "text", value: "none" },
          },
        ],
      },
    ]);
  });

  it("refuses a tool result whose call is not in the history, since the AI SDK needs its tool name", () => {
    const error = refusal(() =>
      aiSdkPrompt(
        [
          { role: "user", content: "hi" },
          { role: "tool", toolCallId: "call_9", content: "x" },
        ],
        "gcp.gemini",
        tagged,
      ),
    );
    expect(error).toMatchObject({ provider: "gcp.gemini", part: "tools" });
    expect(error.message).toMatch(/call "call_9"/);
  });

  it.each([
    ["broken JSON", '{"orderNumber":'],
    ["an array", "[1,2]"],
    ["a string", '"A1"'],
  ])("refuses replayed arguments that are %s, which are no input object", (_what, args) => {
    const error = refusal(() =>
      aiSdkPrompt([{ role: "assistant", toolCalls: [{ id: "c", name: "t", arguments: args }] }], "anthropic", tagged),
    );
    expect(error).toMatchObject({ provider: "anthropic", part: "tools" });
  });

  it("sends images and files as file parts: base64 data, URLs as URL objects, a base64 data URL as data", () => {
    const prompt = aiSdkPrompt(
      [
        {
          role: "user",
          content: [
            { type: "text", text: "Compare these." },
            { type: "image", data: "iVBORw0KGgo=", mediaType: "image/png", detail: "low" },
            { type: "image", url: "https://example.com/label.jpg", mediaType: "image/jpeg" },
            { type: "image", url: "data:image/webp;base64,UklGRg==", mediaType: "image/png" },
            { type: "file", data: "JVBERi0=", mediaType: "application/pdf", filename: "contract.pdf" },
            { type: "file", url: "https://example.com/terms.pdf", mediaType: "application/pdf" },
          ],
        },
      ],
      "openai",
      tagged,
    );
    expect(prompt).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Compare these." },
          {
            type: "file",
            mediaType: "image/png",
            data: { type: "data", data: "iVBORw0KGgo=" },
            providerOptions: { openai: { imageDetail: "low" }, azure: { imageDetail: "low" } },
          },
          {
            type: "file",
            mediaType: "image/jpeg",
            data: { type: "url", url: new URL("https://example.com/label.jpg") },
          },
          // The data URL's own media type wins over the part's.
          { type: "file", mediaType: "image/webp", data: { type: "data", data: "UklGRg==" } },
          {
            type: "file",
            mediaType: "application/pdf",
            data: { type: "data", data: "JVBERi0=" },
            filename: "contract.pdf",
          },
          {
            type: "file",
            mediaType: "application/pdf",
            data: { type: "url", url: new URL("https://example.com/terms.pdf") },
          },
        ],
      },
    ]);
    const url = prompt[0]?.role === "user" ? prompt[0].content[2] : undefined;
    expect(url?.type === "file" && url.data.type === "url" && url.data.url).toBeInstanceOf(URL);
  });

  it("gives spec v2 and v3 models the same data untagged: the base64 text or the URL itself", () => {
    const prompt = aiSdkPrompt(
      [
        {
          role: "user",
          content: [
            { type: "image", data: "iVBORw0KGgo=", mediaType: "image/png" },
            { type: "file", url: "https://example.com/terms.pdf", mediaType: "application/pdf", filename: "terms.pdf" },
          ],
        },
      ],
      "anthropic",
      untaggedFileData,
    );
    expect(prompt).toEqual([
      {
        role: "user",
        content: [
          { type: "file", mediaType: "image/png", data: "iVBORw0KGgo=" },
          {
            type: "file",
            mediaType: "application/pdf",
            data: new URL("https://example.com/terms.pdf"),
            filename: "terms.pdf",
          },
        ],
      },
    ]);
  });

  it.each([
    ["neither data nor a url", { type: "image", mediaType: "image/png" }, "images", /needs a url or base64 data/],
    [
      "a data URL that is not base64",
      { type: "file", url: "data:text/plain,hi", mediaType: "text/plain" },
      "files",
      /base64/,
    ],
    ["a url that does not parse", { type: "image", url: "not a url", mediaType: "image/png" }, "images", /not a URL/],
  ] as const)("refuses a part with %s before any request", (_what, part, kind, message) => {
    const error = refusal(() => aiSdkPrompt([{ role: "user", content: [part] }], "anthropic", tagged));
    expect(error).toMatchObject({ provider: "anthropic", part: kind });
    expect(error.message).toMatch(message);
  });
});
