import type { ServerResponse } from "node:http";

/**
 * Writes a complete JSON response with its length; a string body is sent verbatim (a fake's
 * deliberately broken JSON must reach the client byte for byte), anything else JSON-encoded.
 */
export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
