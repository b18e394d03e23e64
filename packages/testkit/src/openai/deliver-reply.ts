import type { IncomingMessage, ServerResponse } from "node:http";
import {
  chatCompletionBody,
  delayUnlessClosed,
  echoContent,
  openAIErrorBody,
  responseClosed,
} from "@modelpolicy/fake-provider";
import type { CompletionReply, EchoReply, FakeReply } from "./fake-reply.js";
import type { RecordedRequest, ReplyKind } from "./recorded-request.js";
import { streamCompletion } from "./stream-completion.js";

const MALFORMED_BODY =
  '{"id":"chatcmpl-testkit-malformed","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"trunc';
const HTML_BODY =
  "<!DOCTYPE html>\n<html><head><title>Sign in to continue</title></head><body><h1>Network login required</h1></body></html>\n";

/** Builds the success body of an endpoint other than chat completions from a completion or an echo. */
export type SuccessBody = (reply: CompletionReply | EchoReply, record: RecordedRequest) => { usage?: unknown };

/** Streams the success of such an endpoint when its request asked for `stream: true`. */
export type StreamSuccess = (
  reply: CompletionReply | EchoReply,
  record: RecordedRequest,
  request: IncomingMessage,
  response: ServerResponse,
) => Promise<void>;

/** Writes a complete response and records its status; `body` strings are sent verbatim. */
export function send(
  response: ServerResponse,
  record: RecordedRequest,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  record.status = status;
  record.replyKind ??= "route";
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-request-id": `req_testkit_${record.seq}`,
    ...headers,
  });
  response.end(text);
}

function replyKind(reply: FakeReply, streamed: boolean): ReplyKind {
  if ("reset" in reply) return "reset";
  if ("hang" in reply) return "hang";
  if ("malformed" in reply) return "malformed";
  if ("html" in reply) return "html";
  if ("status" in reply) return "status";
  if (streamed) return "stream";
  if ("json" in reply) return "completion";
  return "echo";
}

/**
 * Turns a scripted reply into bytes on the wire (or deliberately none). Kept apart from routing so
 * each fault is one small branch and the behaviour of a kind can be read in one place. A
 * completion or echo goes out as JSON or, when the request asked for `stream: true`, as
 * server-sent events (with the usage chunk when it asked for `stream_options.include_usage` and
 * the dialect reports usage).
 */
export async function deliverReply(
  reply: FakeReply,
  record: RecordedRequest,
  request: IncomingMessage,
  response: ServerResponse,
  options: {
    omitUsage?: boolean;
    /**
     * The success body of an endpoint other than chat completions (`/v1/embeddings`,
     * `/v1/responses`); faults are delivered the same on every endpoint.
     */
    successBody?: SuccessBody;
    /** How that endpoint streams; without it a `stream: true` request gets the whole body. */
    streamSuccess?: StreamSuccess;
  } = {},
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
    send(response, record, 200, MALFORMED_BODY);
    return;
  }
  if ("html" in reply) {
    send(response, record, 200, HTML_BODY, { "content-type": "text/html; charset=utf-8" });
    return;
  }
  if ("status" in reply) {
    const body = reply.body ?? (reply.status >= 400 ? openAIErrorBody(reply.status) : undefined);
    send(response, record, reply.status, body, reply.headers);
    return;
  }
  if (streamed && options.streamSuccess !== undefined) {
    await options.streamSuccess(reply, record, request, response);
    return;
  }
  if (options.successBody !== undefined) {
    const body = options.successBody(reply, record);
    send(response, record, 200, options.omitUsage ? withoutUsage(body) : body, "json" in reply ? reply.headers : {});
    return;
  }
  const completion = chatCompletionBody(
    "json" in reply ? reply : { json: echoContent(record.body) },
    record.body,
    record.seq,
  );
  if (streamed) {
    const asked = (record.body?.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    await streamCompletion(
      completion,
      "json" in reply ? (reply.stream ?? {}) : {},
      record,
      request,
      response,
      asked && options.omitUsage !== true,
      "json" in reply ? reply.headers : {},
    );
    return;
  }
  send(
    response,
    record,
    200,
    options.omitUsage ? withoutUsage(completion) : completion,
    "json" in reply ? reply.headers : {},
  );
}

/** A body as a server that reports no token usage sends it: no `usage` member at all. */
function withoutUsage<T extends { usage?: unknown }>(completion: T): Omit<T, "usage"> {
  const { usage: _usage, ...rest } = completion;
  return rest;
}
