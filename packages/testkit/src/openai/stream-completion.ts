import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type ChatCompletionBody,
  chatCompletionChunks,
  delayUnlessClosed,
  formatDataEvent,
  openAIErrorBody,
  responseClosed,
} from "@modelpolicy/fake-provider";
import type { ChatStreamOptions } from "./fake-reply.js";
import type { RecordedRequest } from "./recorded-request.js";

/** What a server writes for an unreadable event: cut mid-object, as a broken proxy would. */
const MALFORMED_EVENT =
  'data: {"id":"chatcmpl-testkit-malformed","object":"chat.completion.chunk","choices":[{"delta":{"cont\n\n';

/**
 * Sends a completion as OpenAI's server-sent events, one flushed `write` per chunk, then
 * `data: [DONE]`, applying the stream's faults: a delay before each chunk after the first, a
 * dropped connection, silence, an unparseable chunk or an `error` event after N chunks, and a
 * missing usage chunk. Stops quietly when the client goes away, so an aborted stream never
 * leaves a timer behind; the record's `closedByClient` then says the client released it.
 */
export async function streamCompletion(
  completion: ChatCompletionBody,
  options: ChatStreamOptions,
  record: RecordedRequest,
  request: IncomingMessage,
  response: ServerResponse,
  includeUsage: boolean,
  headers: Record<string, string> = {},
): Promise<void> {
  const chunks = chatCompletionChunks(completion, { chunkSize: options.chunkSize, includeUsage });
  if (options.omitUsage && includeUsage) chunks.pop();
  record.status = 200;
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "x-request-id": `req_testkit_${record.seq}`,
    ...headers,
  });
  // The client's `create()` resolves on the headers, before any chunk.
  response.flushHeaders();
  for (const chunk of chunks) {
    const sent = record.chunksSent;
    if (sent === options.resetAfterChunks) {
      // FIN without the chunked body's last chunk, after the chunks are flushed: the client reads
      // exactly N chunks, then fails. A RST here could discard chunks still unread on the client.
      record.droppedByServer = true;
      request.socket.destroy();
      return;
    }
    if (sent === options.stallAfterChunks) {
      await responseClosed(response);
      return;
    }
    if (sent === options.malformedAfterChunks) {
      response.end(MALFORMED_EVENT);
      return;
    }
    if (sent === options.errorAfterChunks) {
      response.end(
        formatDataEvent(
          openAIErrorBody(500, null, { message: "The server had an error while processing your request." }),
        ),
      );
      return;
    }
    if (sent > 0 && options.chunkDelayMs !== undefined && options.chunkDelayMs > 0) {
      if (!(await delayUnlessClosed(options.chunkDelayMs, response))) return;
    }
    if (response.destroyed) return;
    await new Promise((resolve) => response.write(formatDataEvent(chunk), resolve));
    record.chunksSent += 1;
  }
  response.end(formatDataEvent("[DONE]"));
}
