import type { IncomingHttpHeaders } from "node:http";

/** One chat message as a client sent it; only the fields the fake reads are typed. */
export interface ChatMessageBody {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

/**
 * The parsed JSON body of `POST /v1/chat/completions`. Loosely typed on purpose: the fake must
 * record whatever a client sends (`response_format`, `max_completion_tokens`, tools, …) so tests
 * can assert on it, without the testkit re-declaring the OpenAI API.
 */
export interface ChatCompletionRequestBody {
  model?: string;
  messages?: ChatMessageBody[];
  stream?: boolean;
  response_format?: { type: string; json_schema?: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The reply kinds of `FakeReply`, plus `route` for the fake's own answers (models list, 404, 400),
 * `rejected` for a request its dialect refused before any scripted reply was used, and `stream`
 * for a completion or echo sent as server-sent events.
 */
export type ReplyKind =
  | "completion"
  | "stream"
  | "status"
  | "hang"
  | "malformed"
  | "html"
  | "reset"
  | "echo"
  | "route"
  | "rejected";

/**
 * What the fake server saw for one HTTP request, in arrival order. Tests use these to prove what
 * was (or was not) sent: model, parameters, the `Authorization` header. That header's value lives
 * only in `headers` and is never copied into replies, so a leaked key in telemetry can only come
 * from the code under test.
 */
export interface RecordedRequest {
  /** 1-based arrival order across all endpoints. */
  seq: number;
  method: string;
  /** URL path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; `undefined` for bodiless requests or a body that was not valid JSON. */
  body: ChatCompletionRequestBody | undefined;
  /** `body.model`, lifted out because nearly every assertion needs it. */
  model: string | undefined;
  /** `Date.now()` when the request arrived. */
  time: number;
  /** Status sent; `undefined` while pending, and for hung or reset requests. */
  status: number | undefined;
  /** Which kind of reply the fake chose; `undefined` while the reply is being chosen or delayed. */
  replyKind: ReplyKind | undefined;
  /**
   * The connection closed before a response was complete: the client aborted or timed out, or
   * stopped reading a stream (or the server was closed under a hanging request). Never set when
   * the fake dropped the connection itself. A test's proof that a client released its socket.
   */
  closedByClient: boolean;
  /** Streamed replies: the `data:` chunks written so far (`[DONE]` not counted). */
  chunksSent: number;
  /** The fake itself dropped the connection (a scripted reset, or a stream's `resetAfterChunks`). */
  droppedByServer: boolean;
  /**
   * The response is over, however it ended (sent whole, dropped, or closed by the client). A
   * request still `false` once its call has settled is a connection someone left open.
   */
  responseClosed: boolean;
}
