import type { IncomingMessage, ServerResponse } from "node:http";
import {
  anthropicErrorBody,
  checkMessagesRequest,
  estimateMessagesInputTokens,
  LoopbackHttpServer,
  type MessagesRequestBody,
  readRequestBody,
} from "@modelpolicy/fake-provider";
import { ANY_MODEL } from "../openai/fake-openai-server.js";
import type { AnthropicRecordedRequest } from "./anthropic-recorded-request.js";
import { deliverAnthropicReply, sendJson } from "./deliver-anthropic-reply.js";
import type { AnthropicReplyFunction, AnthropicScriptedReply, FakeAnthropicReply } from "./fake-anthropic-reply.js";

/** Construction options of `FakeAnthropicServer`. */
export interface FakeAnthropicServerOptions {
  /** Port to bind on 127.0.0.1; default 0, any free port. */
  port?: number;
  /**
   * Refuse requests the API would refuse (missing `max_tokens`, a `system` role under
   * 2023-06-01, sampling parameters under 2026-10-21, malformed tools or an unknown forced tool,
   * image and document blocks of a kind the API does not take, a `tool_use` not answered by a
   * `tool_result` at the start of the next message) with a 400 `invalid_request_error`.
   * Default `true`.
   */
  validateRequests?: boolean;
}

/** What `start()` returns: the value to pass as the Anthropic client's `baseURL`. */
export interface FakeAnthropicServerAddress {
  /** `http://127.0.0.1:PORT` (the SDK appends `/v1/messages`). */
  baseURL: string;
  port: number;
}

/**
 * A Messages API server on 127.0.0.1 whose answers a test scripts per model: text and tool_use
 * messages with usage (cache reads and writes included), every stop reason, error statuses with
 * Anthropic's error body and `retry-after` headers, hangs and resets, and for `stream: true` the
 * API's server-sent events with per-event delays, a reset or an `error` event after N events.
 * Adapters run against it with the real `@anthropic-ai/sdk` of either major, and every request is
 * recorded, which is how tests prove a call was (or was not) made.
 */
export class FakeAnthropicServer {
  /** Every request received, in arrival order (including ones that got errors). */
  readonly requests: AnthropicRecordedRequest[] = [];
  private readonly scripts = new Map<string, AnthropicScriptedReply[]>();
  private defaultReply: AnthropicScriptedReply | undefined;
  private readonly http: LoopbackHttpServer;
  private readonly options: FakeAnthropicServerOptions;

  constructor(options: FakeAnthropicServerOptions = {}) {
    this.options = options;
    this.http = new LoopbackHttpServer((request, response) => this.handle(request, response));
  }

  /** Starts listening; idempotent. */
  async start(): Promise<FakeAnthropicServerAddress> {
    const port = await this.http.listen(this.options.port);
    return { baseURL: `http://127.0.0.1:${port}`, port };
  }

  /** `http://127.0.0.1:PORT`; throws before `start()`. */
  get baseURL(): string {
    return `http://127.0.0.1:${this.http.port}`;
  }

  /** Number of requests received on any path; `0` proves a call never reached the network. */
  get requestCount(): number {
    return this.requests.length;
  }

  /** Message requests of one model, to assert on fallback order and parameters. */
  requestsFor(model: string): AnthropicRecordedRequest[] {
    return this.requests.filter((request) => request.model === model);
  }

  /**
   * Appends replies to `model`'s queue; each message request for that model takes the next one.
   * Use `ANY_MODEL` ("*") for a queue shared by all models. Returns `this` to chain scripts.
   */
  script(model: string, replies: AnthropicScriptedReply[]): this {
    const queue = this.scripts.get(model);
    if (queue) queue.push(...replies);
    else this.scripts.set(model, [...replies]);
    return this;
  }

  /** Reply used when a model's queue is empty; `undefined` restores the echo default. */
  setDefault(reply: AnthropicScriptedReply | undefined): this {
    this.defaultReply = reply;
    return this;
  }

  /** Scripted replies not yet consumed (for one model or all), to assert a script ran to the end. */
  pendingReplies(model?: string): number {
    if (model !== undefined) return this.scripts.get(model)?.length ?? 0;
    let total = 0;
    for (const queue of this.scripts.values()) total += queue.length;
    return total;
  }

  /** Forgets recorded requests, scripts and the default, so one server can serve many tests. */
  reset(): void {
    this.requests.length = 0;
    this.scripts.clear();
    this.defaultReply = undefined;
  }

  /** Stops the server and destroys open connections, hanging requests and streams included. */
  async close(): Promise<void> {
    await this.http.close();
  }

  private record(request: IncomingMessage, path: string, body: MessagesRequestBody | undefined) {
    const version = request.headers["anthropic-version"];
    const entry: AnthropicRecordedRequest = {
      seq: this.requests.length + 1,
      method: request.method ?? "GET",
      path,
      headers: request.headers,
      body,
      model: typeof body?.model === "string" ? body.model : undefined,
      apiVersion: typeof version === "string" ? version : undefined,
      time: Date.now(),
      status: undefined,
      replyKind: undefined,
      eventsSent: 0,
      droppedByServer: false,
      closedByClient: false,
    };
    this.requests.push(entry);
    return entry;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? "/";
    const queryStart = url.indexOf("?");
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const raw = await readRequestBody(request);
    let body: MessagesRequestBody | undefined;
    let invalidJson = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString("utf8")) as MessagesRequestBody;
      } catch {
        invalidJson = true;
      }
    }
    const entry = this.record(request, path, body);
    response.once("close", () => {
      if (!response.writableFinished && !entry.droppedByServer) entry.closedByClient = true;
    });
    const invalid = (message: string) =>
      sendJson(response, entry, 400, anthropicErrorBody(400, { message }, `req_testkit_${entry.seq}`));

    const isMessages = path === "/v1/messages";
    const isCount = path === "/v1/messages/count_tokens";
    if (request.method !== "POST" || !(isMessages || isCount)) {
      const message = `Not found: ${request.method} ${path}`;
      sendJson(response, entry, 404, anthropicErrorBody(404, { message }, `req_testkit_${entry.seq}`));
      return;
    }
    if (invalidJson || body === undefined) {
      invalid("There was an error parsing the body of your request as JSON.");
      return;
    }
    if (isCount) {
      sendJson(response, entry, 200, { input_tokens: estimateMessagesInputTokens(body) });
      return;
    }
    const problem = this.options.validateRequests === false ? undefined : checkMessagesRequest(body, entry.apiVersion);
    if (problem !== undefined) {
      invalid(problem);
      return;
    }
    await deliverAnthropicReply(await this.nextReply(entry), entry, request, response);
  }

  private async nextReply(entry: AnthropicRecordedRequest): Promise<FakeAnthropicReply> {
    const own = entry.model === undefined ? undefined : this.scripts.get(entry.model);
    const scripted = own?.length ? own.shift() : this.scripts.get(ANY_MODEL)?.shift();
    const source: AnthropicScriptedReply | undefined = scripted ?? this.defaultReply;
    if (source === undefined) return { echo: true };
    return typeof source === "function" ? (source as AnthropicReplyFunction)(entry) : source;
  }
}
