import type { AnthropicMessageBody } from "./anthropic-message-body.js";

/** One server-sent event of a streamed message: `type` is both the SSE event name and the data's `type`. */
export interface AnthropicStreamEvent {
  type: string;
  [key: string]: unknown;
}

const DEFAULT_CHUNK_SIZE = 8;

/** Splits text into pieces of `size` code points, so a surrogate pair is never cut in half. */
function pieces(text: string, size: number): string[] {
  const points = Array.from(text);
  const result: string[] = [];
  for (let start = 0; start < points.length; start += size) result.push(points.slice(start, start + size).join(""));
  return result;
}

/**
 * The event sequence the Messages API streams for `message`: `message_start` (usage with the input
 * counts and no content), a `ping`, then per content block `content_block_start`, its
 * `text_delta` or `input_json_delta` pieces and `content_block_stop`, then `message_delta` with the
 * stop reason and the final usage, and `message_stop`. Accumulating these, as the SDKs'
 * `messages.stream()` does, gives back `message`.
 */
export function anthropicStreamEvents(
  message: AnthropicMessageBody,
  chunkSize = DEFAULT_CHUNK_SIZE,
): AnthropicStreamEvent[] {
  const size = Math.max(1, Math.floor(chunkSize));
  const { usage } = message;
  const events: AnthropicStreamEvent[] = [
    {
      type: "message_start",
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens) },
      },
    },
    { type: "ping" },
  ];
  message.content.forEach((block, index) => {
    if (block.type === "text") {
      events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
      for (const text of pieces(block.text, size)) {
        events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
      }
    } else {
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
      });
      for (const partial of pieces(JSON.stringify(block.input), size)) {
        events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: partial } });
      }
    }
    events.push({ type: "content_block_stop", index });
  });
  events.push(
    {
      type: "message_delta",
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      // Cumulative totals, as the API sends them: the SDKs overwrite, never add.
      usage: {
        output_tokens: usage.output_tokens,
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
      },
    },
    { type: "message_stop" },
  );
  return events;
}

/** One event in SSE wire format. */
export function formatServerSentEvent(event: AnthropicStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
