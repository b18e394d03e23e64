import { type ContentPart, RequestShapeError } from "@modelpolicy/core";

/** A content part on the chat-completions wire. */
export type ChatCompletionContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: "low" | "high" | "auto" } }
  | { type: "file"; file: { file_data: string; filename?: string } };

/**
 * Core's parts as chat-completions content parts: an image by its URL or as a data URL, a file as
 * base64 `file_data` (a data URL), which is the only inline form chat completions takes. A file
 * given by URL alone cannot be sent, and is refused before the request rather than dropped.
 */
export function chatCompletionContentParts(parts: readonly ContentPart[]): ChatCompletionContentPart[] {
  return parts.map((part): ChatCompletionContentPart => {
    if (part.type === "text") return { type: "text", text: part.text };
    if (part.type === "image") {
      const url = part.url ?? dataUrl(part.mediaType, part.data);
      return { type: "image_url", image_url: part.detail === undefined ? { url } : { url, detail: part.detail } };
    }
    if (part.data === undefined) {
      throw new RequestShapeError(
        "OpenAI chat completions take a file part only as base64 data, not by URL",
        "openai",
        "files",
      );
    }
    const fileData = dataUrl(part.mediaType, part.data);
    return {
      type: "file",
      file: part.filename === undefined ? { file_data: fileData } : { file_data: fileData, filename: part.filename },
    };
  });
}

function dataUrl(mediaType: string, data: string | undefined): string {
  return `data:${mediaType};base64,${data ?? ""}`;
}
