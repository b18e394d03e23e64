import type { ServerResponse } from "node:http";
import { type ChatCompletionBody, chatCompletionChunks, formatDataEvent } from "@modelpolicy/fake-provider";

/**
 * Sends a chat completion as the server-sent events of `stream: true`: the chunks OpenAI sends
 * for it (tool calls as `delta.tool_calls` pieces by index, usage last when
 * `stream_options.include_usage` asked for it) and `[DONE]`, one
 * flushed write per chunk so a client sees the answer arrive in pieces, stopping quietly when
 * the client goes away.
 */
export async function streamOpenAIAnswer(
  response: ServerResponse,
  completion: unknown,
  requestBody: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<void> {
  const streamOptions = requestBody.stream_options as { include_usage?: unknown } | undefined;
  const chunks = chatCompletionChunks(completion as ChatCompletionBody, {
    includeUsage: streamOptions?.include_usage === true,
  });
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    ...headers,
  });
  for (const chunk of chunks) {
    if (response.destroyed) return;
    await new Promise((resolve) => response.write(formatDataEvent(chunk), resolve));
  }
  response.end(formatDataEvent("[DONE]"));
}
