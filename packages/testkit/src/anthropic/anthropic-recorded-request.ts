import type { IncomingHttpHeaders } from "node:http";
import type { MessagesRequestBody } from "@modelpolicy/fake-provider";

/**
 * The reply kinds of `FakeAnthropicReply` as sent: `message` as JSON, `stream` as server-sent
 * events; `route` for the fake's own answers (404, request validation, token counting).
 */
export type AnthropicReplyKind = "message" | "stream" | "status" | "hang" | "malformed" | "reset" | "echo" | "route";

/**
 * What the fake Anthropic server saw for one HTTP request, in arrival order. The API key stays in
 * `headers` (`x-api-key` or `authorization`, depending on the SDK major) and is never copied into
 * a reply, so a key found in telemetry can only have come from the code under test.
 */
export interface AnthropicRecordedRequest {
  /** 1-based arrival order across all endpoints. */
  seq: number;
  method: string;
  /** URL path without the query string, e.g. `/v1/messages`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; `undefined` for bodiless requests or a body that was not valid JSON. */
  body: MessagesRequestBody | undefined;
  /** `body.model`, lifted out because nearly every assertion needs it. */
  model: string | undefined;
  /** The `anthropic-version` header: SDK 0.x sends `2023-06-01`, 1.x `2026-10-21`. */
  apiVersion: string | undefined;
  /** `Date.now()` when the request arrived. */
  time: number;
  /** Status sent; `undefined` while pending, and for hung or reset requests. */
  status: number | undefined;
  /** Which kind of reply the fake chose; `undefined` while it is being chosen or delayed. */
  replyKind: AnthropicReplyKind | undefined;
  /** Server-sent events written so far (0 for JSON replies). */
  eventsSent: number;
  /** The fake dropped the connection on purpose: a scripted reset, or a stream's `resetAfterChunks`. */
  droppedByServer: boolean;
  /** The connection closed before the response was complete (client abort or timeout); never set by a scripted drop. */
  closedByClient: boolean;
}
