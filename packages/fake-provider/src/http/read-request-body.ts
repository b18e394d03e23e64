import type { IncomingMessage } from "node:http";
import { promisify } from "node:util";
import { gunzip, inflate } from "node:zlib";

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/**
 * Reads a request body fully and undoes `Content-Encoding: gzip`/`deflate`. OTLP exporters
 * compress when configured to, and a fake that silently stored compressed bytes would make such a
 * test fail with a confusing decode error instead of passing.
 */
export async function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const encoding = request.headers["content-encoding"]?.toLowerCase();
  if (encoding === "gzip") return gunzipAsync(raw);
  if (encoding === "deflate") return inflateAsync(raw);
  return raw;
}
