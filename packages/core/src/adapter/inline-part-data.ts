import { RequestShapeError } from "../errors/request-shape-error.js";
import type { FilePart, ImagePart } from "./content-part.js";

/**
 * An image or file part's inline base64 content: its `data`, or a base64 `data:` URL's payload
 * (with the URL's media type when it names one). `undefined` for a part given by another URL,
 * which the adapter sends as a URL or refuses. A part with neither, or a `data:` URL that is not
 * base64, is refused with a {@link RequestShapeError} before any request.
 */
export function inlinePartData(
  part: ImagePart | FilePart,
  provider: string,
): { readonly data: string; readonly mediaType: string } | undefined {
  const kind = part.type === "image" ? "images" : "files";
  if (part.data !== undefined) return { data: part.data, mediaType: part.mediaType };
  if (part.url === undefined || part.url === "") {
    throw new RequestShapeError(`a ${part.type} part needs a url or base64 data`, provider, kind);
  }
  if (!part.url.startsWith("data:")) return undefined;
  const match = /^data:([^,]*?);base64,(.*)$/s.exec(part.url);
  if (match === null) {
    throw new RequestShapeError(`a ${part.type} data URL is sent only when it is base64`, provider, kind);
  }
  return { data: match[2] as string, mediaType: match[1] || part.mediaType };
}
