import type { IncomingMessage, ServerResponse } from "node:http";
import { delayUnlessClosed, responseClosed } from "@modelpolicy/fake-provider";
import type { ChatStreamOptions } from "./fake-reply.js";
import type { RecordedRequest } from "./recorded-request.js";
import type { ResponsesBody, ResponsesFunctionCallItem } from "./responses-body.js";

/** One Responses API stream event as the fake sends it: its `type` names the SSE event too. */
export interface ResponseStreamEventBody {
  type: string;
  sequence_number: number;
  [key: string]: unknown;
}

/**
 * The events of a streamed Responses API answer, in OpenAI's order: `response.created` (the
 * response in progress, no output yet), one `response.output_text.delta` per `chunkSize`
 * characters of the text, each function call as OpenAI streams one (`response.output_item.added`
 * with empty arguments, a `response.function_call_arguments.delta` per `chunkSize` characters of
 * them, `response.function_call_arguments.done`, `response.output_item.done`), then
 * `response.completed` (or `response.incomplete`) carrying the whole response with its usage,
 * which `omitUsage` leaves out.
 */
export function responseStreamEvents(body: ResponsesBody, options: ChatStreamOptions = {}): ResponseStreamEventBody[] {
  const events: ResponseStreamEventBody[] = [];
  const add = (event: Record<string, unknown> & { type: string }) =>
    events.push({ ...event, sequence_number: events.length });
  const { usage: _usage, ...withoutUsage } = body;
  add({
    type: "response.created",
    response: { ...withoutUsage, status: "in_progress", output: [], incomplete_details: null },
  });
  const size = Math.max(1, options.chunkSize ?? 8);
  for (const [index, item] of body.output.entries()) {
    if (item.type === "function_call") {
      for (const event of functionCallEvents(item, index, size)) add(event);
      continue;
    }
    const part = item.content[0];
    const text = part?.type === "output_text" ? part.text : "";
    for (let start = 0; start < text.length; start += size) {
      add({
        type: "response.output_text.delta",
        item_id: item.id,
        output_index: index,
        content_index: 0,
        delta: text.slice(start, start + size),
      });
    }
  }
  const terminal = body.status === "completed" ? "response.completed" : "response.incomplete";
  add({ type: terminal, response: options.omitUsage ? withoutUsage : body });
  return events;
}

/** The events of one function call item, its arguments in pieces of `size` characters. */
function functionCallEvents(
  item: ResponsesFunctionCallItem,
  index: number,
  size: number,
): (Record<string, unknown> & { type: string })[] {
  const events: (Record<string, unknown> & { type: string })[] = [
    {
      type: "response.output_item.added",
      output_index: index,
      item: { ...item, arguments: "", status: "in_progress" },
    },
  ];
  for (let start = 0; start < item.arguments.length; start += size) {
    events.push({
      type: "response.function_call_arguments.delta",
      item_id: item.id,
      output_index: index,
      delta: item.arguments.slice(start, start + size),
    });
  }
  events.push(
    { type: "response.function_call_arguments.done", item_id: item.id, output_index: index, arguments: item.arguments },
    { type: "response.output_item.done", output_index: index, item },
  );
  return events;
}

/**
 * Sends a response as server-sent events (`event: {type}` and `data: {json}`), one flushed write
 * per event, with the same faults as a streamed chat completion: a delay before each event after
 * the first, a dropped connection, silence, an unparseable event, or an `error` event after N
 * events. Stops quietly when the client goes away.
 */
export async function streamResponse(
  body: ResponsesBody,
  options: ChatStreamOptions,
  record: RecordedRequest,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string> = {},
): Promise<void> {
  record.status = 200;
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "x-request-id": `req_testkit_${record.seq}`,
    ...headers,
  });
  response.flushHeaders();
  for (const event of responseStreamEvents(body, options)) {
    const sent = record.chunksSent;
    if (sent === options.resetAfterChunks) {
      record.droppedByServer = true;
      request.socket.destroy();
      return;
    }
    if (sent === options.stallAfterChunks) {
      await responseClosed(response);
      return;
    }
    if (sent === options.malformedAfterChunks) {
      response.end('event: response.output_text.delta\ndata: {"type":"response.output_text.delta","del\n\n');
      return;
    }
    if (sent === options.errorAfterChunks) {
      const error = {
        type: "error",
        code: "server_error",
        message: "The server had an error while processing your request.",
        sequence_number: sent,
      };
      response.end(`event: error\ndata: ${JSON.stringify(error)}\n\n`);
      return;
    }
    if (sent > 0 && options.chunkDelayMs !== undefined && options.chunkDelayMs > 0) {
      if (!(await delayUnlessClosed(options.chunkDelayMs, response))) return;
    }
    if (response.destroyed) return;
    await new Promise((resolve) => response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`, resolve));
    record.chunksSent += 1;
  }
  response.end();
}
