import { type ContentPart, type FilePart, type ImagePart, inlinePartData, RequestShapeError } from "@modelpolicy/core";
import type { AnthropicContentBlock, AnthropicImageMediaType } from "./anthropic-client-like.js";

/** The image types the Messages API documents, for base64 data and URLs alike. */
const IMAGE_MEDIA_TYPES: readonly AnthropicImageMediaType[] = ["image/jpeg", "image/png", "image/gif", "image/webp"];

/**
 * Core's parts of a user message as Messages API content blocks: text as `text` blocks (empty
 * ones left out, since the API refuses them), an image as an `image` block, a PDF as a
 * `document` (base64 or URL) and a plain-text file as a `document` with a `text` source (its
 * base64 data decoded to UTF-8). A data URL is sent as the base64 data it holds. What Anthropic
 * cannot take — an image type other than JPEG, PNG, GIF and WebP, a file that is neither a PDF
 * nor plain text, a plain-text file by URL, a part with neither `url` nor `data` — is refused
 * with a `RequestShapeError` before any request, rather than dropped or left to a 400. An
 * image's `detail` is OpenAI's hint and has no Anthropic equivalent; a file's `filename` becomes
 * the document's `title`.
 */
export function anthropicContentBlocks(parts: readonly ContentPart[], provider: string): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  for (const part of parts) {
    if (part.type === "text") {
      if (part.text !== "") blocks.push({ type: "text", text: part.text });
    } else if (part.type === "image") {
      blocks.push(imageBlock(part, provider));
    } else {
      blocks.push(documentBlock(part, provider));
    }
  }
  return blocks;
}

function imageBlock(part: ImagePart, provider: string): AnthropicContentBlock {
  const inline = inlinePartData(part, provider);
  const mediaType = baseMediaType(inline?.mediaType ?? part.mediaType);
  if (!isImageMediaType(mediaType)) {
    throw new RequestShapeError(`Anthropic takes JPEG, PNG, GIF and WebP images, not ${mediaType}`, provider, "images");
  }
  if (inline !== undefined)
    return { type: "image", source: { type: "base64", media_type: mediaType, data: inline.data } };
  return { type: "image", source: { type: "url", url: part.url as string } };
}

function documentBlock(part: FilePart, provider: string): AnthropicContentBlock {
  const inline = inlinePartData(part, provider);
  const mediaType = baseMediaType(inline?.mediaType ?? part.mediaType);
  const title = part.filename === undefined ? {} : { title: part.filename };
  if (mediaType === "application/pdf") {
    const source =
      inline === undefined
        ? { type: "url" as const, url: part.url as string }
        : { type: "base64" as const, media_type: "application/pdf" as const, data: inline.data };
    return { type: "document", source, ...title };
  }
  if (mediaType === "text/plain") {
    if (inline === undefined) {
      throw new RequestShapeError(
        "Anthropic takes a plain-text file only as data, not by URL (URL documents must be PDFs)",
        provider,
        "files",
      );
    }
    const text = Buffer.from(inline.data, "base64").toString("utf8");
    return { type: "document", source: { type: "text", media_type: "text/plain", data: text }, ...title };
  }
  throw new RequestShapeError(
    `Anthropic takes PDF and plain-text files as documents, not ${mediaType}`,
    provider,
    "files",
  );
}

/** The media type without parameters (`text/plain; charset=utf-8` → `text/plain`), lower case. */
function baseMediaType(mediaType: string): string {
  return (mediaType.split(";")[0] ?? "").trim().toLowerCase();
}

function isImageMediaType(mediaType: string): mediaType is AnthropicImageMediaType {
  return (IMAGE_MEDIA_TYPES as readonly string[]).includes(mediaType);
}
