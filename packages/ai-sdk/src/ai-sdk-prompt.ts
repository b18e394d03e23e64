import {
  type ChatMessage,
  type ContentPart,
  type FilePart,
  type ImagePart,
  inlinePartData,
  RequestShapeError,
  toolCallInput,
} from "@modelpolicy/core";
import type {
  AiSdkFileData,
  AiSdkFilePart,
  AiSdkMessage,
  AiSdkTextPart,
  AiSdkToolCallPart,
  AiSdkToolResultPart,
} from "./ai-sdk-message.js";

/**
 * The core's history as an AI SDK prompt, in its order. System messages stay where they are (each
 * provider places them the way its API wants). An assistant turn that called tools becomes its
 * text, if any, then one `tool-call` part per call, with the arguments parsed back into the
 * object every spec version's `input` is. A tool's result becomes a `tool-result` part whose
 * output is its text, named after the call it answers (found earlier in the history), and
 * consecutive results share one `tool` message, as the `ai` package sends them. A multi-part user
 * message becomes text and `file` parts: an image is a file whose media type is the image's, and
 * its data, base64 or a URL, is encoded by `fileData` for the model's spec version (identity for
 * v4; see `untaggedFileData` for v2 and v3).
 *
 * Throws a `RequestShapeError` naming `provider`, before any request, for what no provider could
 * take: a result for a call the history does not hold, arguments that are not a JSON object, a
 * part with neither data nor a URL, or a URL that does not parse.
 */
export function aiSdkPrompt<Data>(
  history: readonly ChatMessage[],
  provider: string,
  fileData: (data: AiSdkFileData) => Data,
): AiSdkMessage<Data>[] {
  const prompt: AiSdkMessage<Data>[] = [];
  const toolNames = new Map<string, string>();
  // The parts of the tool message that results are being collected into, if the last one is.
  let results: AiSdkToolResultPart[] | undefined;
  for (const message of history) {
    if (message.role === "tool") {
      const toolName = toolNames.get(message.toolCallId);
      if (toolName === undefined) {
        throw new RequestShapeError(
          `the tool result for call "${message.toolCallId}" follows no assistant turn with that call, and the AI SDK needs the call's tool name`,
          provider,
          "tools",
        );
      }
      const part: AiSdkToolResultPart = {
        type: "tool-result",
        toolCallId: message.toolCallId,
        toolName,
        output: { type: "text", value: message.content },
      };
      if (results === undefined) {
        results = [part];
        prompt.push({ role: "tool", content: results });
      } else {
        results.push(part);
      }
      continue;
    }
    results = undefined;
    if ("toolCalls" in message) {
      const content: (AiSdkTextPart | AiSdkToolCallPart)[] = [];
      if (message.content) content.push({ type: "text", text: message.content });
      for (const call of message.toolCalls) {
        toolNames.set(call.id, call.name);
        content.push({
          type: "tool-call",
          toolCallId: call.id,
          toolName: call.name,
          input: toolCallInput(call, provider, "the AI SDK takes as the call's input"),
        });
      }
      prompt.push({ role: "assistant", content });
    } else if (typeof message.content !== "string") {
      prompt.push({ role: "user", content: message.content.map((part) => userPart(part, provider, fileData)) });
    } else if (message.role === "system") {
      prompt.push({ role: "system", content: message.content });
    } else {
      prompt.push({ role: message.role, content: [{ type: "text", text: message.content }] });
    }
  }
  return prompt;
}

/**
 * Spec v4's tagged file data as spec v2 and v3 take it: the base64 text or the `URL` itself.
 * Passed to {@link aiSdkPrompt} for models of those versions.
 */
export function untaggedFileData(data: AiSdkFileData): string | URL {
  return data.type === "data" ? data.data : data.url;
}

function userPart<Data>(
  part: ContentPart,
  provider: string,
  fileData: (data: AiSdkFileData) => Data,
): AiSdkTextPart | AiSdkFilePart<Data> {
  if (part.type === "text") return { type: "text", text: part.text };
  const { data, mediaType } = taggedData(part, provider);
  const file: AiSdkFilePart<Data> = { type: "file", mediaType, data: fileData(data) };
  if (part.type === "file" && part.filename !== undefined) file.filename = part.filename;
  if (part.type === "image" && part.detail !== undefined) {
    // OpenAI's resolution hint, read by `@ai-sdk/openai` (and `@ai-sdk/azure`) under its own key.
    file.providerOptions = { openai: { imageDetail: part.detail }, azure: { imageDetail: part.detail } };
  }
  return file;
}

/**
 * A part's data, tagged: its base64 `data`, or its URL, where a base64 `data:` URL becomes data
 * (with the URL's media type, when it names one), as the `ai` package does, since providers take
 * a URL as one to fetch or pass on.
 */
function taggedData(part: ImagePart | FilePart, provider: string): { data: AiSdkFileData; mediaType: string } {
  const inline = inlinePartData(part, provider);
  if (inline !== undefined) return { data: { type: "data", data: inline.data }, mediaType: inline.mediaType };
  // Not inline, so the part has a URL (inlinePartData refuses a part with neither).
  const href = part.url as string;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    const kind = part.type === "image" ? "images" : "files";
    throw new RequestShapeError(`the ${part.type} part's url is not a URL: ${href.slice(0, 100)}`, provider, kind);
  }
  return { data: { type: "url", url }, mediaType: part.mediaType };
}
