import type { IncomingMessage, ServerResponse } from "node:http";
import {
  anthropicErrorBody,
  anthropicMessageBody,
  anthropicStreamEvents,
  delayUnlessClosed,
  echoText,
  formatServerSentEvent,
  responseClosed,
  writeJson,
} from "@modelpolicy/fake-provider";
import type { AnthropicRecordedRequest, AnthropicReplyKind } from "./anthropic-recorded-request.js";
import type { AnthropicMessageReply, FakeAnthropicReply } from "./fake-anthropic-reply.js";

const MALFORMED_BODY =
  '{"id":"msg_testkit_malformed","type":"message","role":"assistant","content":[{"type":"text","text":"trunc';

/** Writes a complete JSON response and records its status; `body` strings are sent verbatim. */
export function sendJson(
  response: ServerResponse,
  record: AnthropicRecordedRequest,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  record.status = status;
  record.replyKind ??= "route";
  writeJson(response, status, body, { "request-id": `req_testkit_${record.seq}`, ...headers });
}

function replyKind(reply: FakeAnthropicReply, streamed: boolean): AnthropicReplyKind {
  if ("reset" in reply) return "reset";
  if ("hang" in reply) return "hang";
  if ("malformed" in reply) return "malformed";
  if ("status" in reply) return "status";
  if ("content" in reply) return streamed ? "stream" : "message";
  return streamed ? "stream" : "echo";
}

/**
 * Sends a message as server-sent events, one flushed `write` per event, applying the reply's
 * stream faults: a delay before each event after the first, a dropped connection or an `error`
 * event after N events.
 * Stops quietly when the client goes away, so an aborted stream never leaves a timer behind.
 */
async function streamMessage(
  reply: AnthropicMessageReply,
  record: AnthropicRecordedRequest,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const options = reply.stream ?? {};
  const events = anthropicStreamEvents(anthropicMessageBody(reply, record.body, record.seq), options.chunkSize);
  record.status = 200;
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "request-id": `req_testkit_${record.seq}`,
    ...reply.headers,
  });
  for (const event of events) {
    if (record.eventsSent === options.resetAfterChunks) {
      // FIN without the chunked body's last chunk, after the events are flushed: the client reads
      // exactly N events, then fails. A RST here could discard events still unread on the client.
      record.droppedByServer = true;
      request.socket.destroy();
      return;
    }
    if (record.eventsSent === options.errorAfterChunks) {
      const error = options.error ?? anthropicErrorBody(529).error;
      response.end(formatServerSentEvent({ type: "error", error }));
      return;
    }
    if (record.eventsSent > 0 && options.chunkDelayMs !== undefined && options.chunkDelayMs > 0) {
      if (!(await delayUnlessClosed(options.chunkDelayMs, response))) return;
    }
    if (response.destroyed) return;
    await new Promise((resolve) => response.write(formatServerSentEvent(event), resolve));
    record.eventsSent += 1;
  }
  response.end();
}

/**
 * Turns a scripted reply into bytes on the wire (or deliberately none). A message reply goes out
 * as JSON or, when the request asked for `stream: true`, as server-sent events.
 */
export async function deliverAnthropicReply(
  reply: FakeAnthropicReply,
  record: AnthropicRecordedRequest,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (reply.delayMs !== undefined && reply.delayMs > 0) {
    const stillOpen = await delayUnlessClosed(reply.delayMs, response);
    if (!stillOpen) return;
  }
  const streamed = record.body?.stream === true;
  record.replyKind = replyKind(reply, streamed);
  if ("reset" in reply) {
    // RST rather than FIN: the client sees ECONNRESET, the way a crashed proxy looks.
    record.droppedByServer = true;
    request.socket.resetAndDestroy();
    return;
  }
  if ("hang" in reply) {
    await responseClosed(response);
    return;
  }
  if ("malformed" in reply) {
    sendJson(response, record, 200, MALFORMED_BODY);
    return;
  }
  if ("status" in reply) {
    const body = reply.body ?? (reply.status >= 400 ? anthropicErrorBody(reply.status) : undefined);
    sendJson(response, record, reply.status, body, reply.headers);
    return;
  }
  const message: AnthropicMessageReply =
    "content" in reply ? reply : { content: [{ type: "text", text: echoText(record.body) }] };
  if (streamed) {
    await streamMessage(message, record, request, response);
    return;
  }
  sendJson(response, record, 200, anthropicMessageBody(message, record.body, record.seq), message.headers);
}
