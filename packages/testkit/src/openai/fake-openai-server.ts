import type { IncomingMessage, ServerResponse } from "node:http";
import { LoopbackHttpServer, openAIErrorBody, readRequestBody } from "@modelpolicy/fake-provider";
import { deliverReply, type StreamSuccess, type SuccessBody, send } from "./deliver-reply.js";
import { embeddingsBody } from "./embeddings-body.js";
import type { FakeReply, ReplyFunction, ScriptedReply } from "./fake-reply.js";
import type { ChatCompletionRequestBody, RecordedRequest } from "./recorded-request.js";
import { responsesBody } from "./responses-body.js";
import { dialects, type ServerDialect } from "./server-dialect.js";
import { streamResponse } from "./stream-response.js";

/** Construction options of `FakeOpenAIServer`. */
export interface FakeOpenAIServerOptions {
  /** Model ids listed by `GET /v1/models` (scripted models are always added). */
  models?: string[];
  /** Port to bind on 127.0.0.1; default 0, any free port. */
  port?: number;
  /**
   * Which server to behave like (what it rejects, whether it reports usage); default
   * `dialects.openai`. `setDialect()` changes it for one test, `reset()` restores this one.
   */
  dialect?: ServerDialect;
}

/** What `start()` returns: the value to pass as the OpenAI client's `baseURL`. */
export interface FakeOpenAIServerAddress {
  /** `http://127.0.0.1:PORT/v1` */
  baseURL: string;
  port: number;
}

/** Script key that matches any model once that model's own queue is empty. */
export const ANY_MODEL = "*";

const DEFAULT_MODELS = ["gpt-4o-mini", "gpt-4o"];

/**
 * The POST endpoints the fake serves, with the success body (and stream) of each beyond chat
 * completions: scripts, faults and dialects apply to all of them alike (a model's queue serves
 * whichever endpoint asks next).
 */
const ENDPOINTS = {
  "/v1/chat/completions": {},
  "/v1/embeddings": { successBody: (reply, record) => embeddingsBody(reply, record.body, record.seq) },
  "/v1/responses": {
    successBody: (reply, record) => responsesBody(reply, record.body, record.seq),
    streamSuccess: (reply, record, request, response) =>
      streamResponse(
        responsesBody(reply, record.body, record.seq),
        "json" in reply ? (reply.stream ?? {}) : {},
        record,
        request,
        response,
        "json" in reply ? reply.headers : {},
      ),
  },
} satisfies Record<string, { successBody?: SuccessBody; streamSuccess?: StreamSuccess }>;

/**
 * An OpenAI-compatible HTTP server on 127.0.0.1 whose answers a test scripts: per-model queues of
 * replies ("429 with Retry-After, then OK"), a default, or a deterministic echo. Adapters, the
 * router and the examples run against it with the real `openai` SDK, so faults (rate limits, hangs,
 * resets, broken bodies) are exercised over real sockets without a network or an API key. A
 * `stream: true` request gets the same reply as server-sent events, with scripted stream faults
 * (see `ChatStreamOptions`). Every request is recorded, which is how tests prove a call was (or
 * was not) made, and whether the client closed a stream early.
 */
export class FakeOpenAIServer {
  /** Every request received, in arrival order (including ones that got errors). */
  readonly requests: RecordedRequest[] = [];
  private readonly scripts = new Map<string, ScriptedReply[]>();
  private defaultReply: ScriptedReply | undefined;
  private dialect: ServerDialect;
  private readonly http: LoopbackHttpServer;
  private readonly options: FakeOpenAIServerOptions;

  constructor(options: FakeOpenAIServerOptions = {}) {
    this.options = options;
    this.dialect = options.dialect ?? dialects.openai;
    this.http = new LoopbackHttpServer((request, response) => this.handle(request, response));
  }

  /** Starts listening; idempotent. */
  async start(): Promise<FakeOpenAIServerAddress> {
    const port = await this.http.listen(this.options.port);
    return { baseURL: `http://127.0.0.1:${port}/v1`, port };
  }

  /** `http://127.0.0.1:PORT/v1`; throws before `start()`. */
  get baseURL(): string {
    return `http://127.0.0.1:${this.http.port}/v1`;
  }

  /** Number of requests received on any path; `0` proves a call never reached the network. */
  get requestCount(): number {
    return this.requests.length;
  }

  /** Requests for chat completions of one model, to assert on fallback order and parameters. */
  requestsFor(model: string): RecordedRequest[] {
    return this.requests.filter((request) => request.model === model);
  }

  /**
   * Appends replies to `model`'s queue; each chat request for that model takes the next one. Use
   * `ANY_MODEL` ("*") for a queue shared by all models. Returns `this` to chain scripts.
   */
  script(model: string, replies: ScriptedReply[]): this {
    const queue = this.scripts.get(model);
    if (queue) queue.push(...replies);
    else this.scripts.set(model, [...replies]);
    return this;
  }

  /** Reply used when a model's queue is empty; `undefined` restores the echo default. */
  setDefault(reply: ScriptedReply | ReplyFunction | undefined): this {
    this.defaultReply = reply;
    return this;
  }

  /**
   * Behaves like another server from the next request on (see `dialects`); `undefined` restores
   * the constructor's dialect. Returns `this` to chain.
   */
  setDialect(dialect: ServerDialect | undefined): this {
    this.dialect = dialect ?? this.options.dialect ?? dialects.openai;
    return this;
  }

  /** Scripted replies not yet consumed (for one model or all), to assert a script ran to the end. */
  pendingReplies(model?: string): number {
    if (model !== undefined) return this.scripts.get(model)?.length ?? 0;
    let total = 0;
    for (const queue of this.scripts.values()) total += queue.length;
    return total;
  }

  /** Forgets recorded requests, scripts, the default and any `setDialect()`, so one server can serve many tests. */
  reset(): void {
    this.requests.length = 0;
    this.scripts.clear();
    this.defaultReply = undefined;
    this.dialect = this.options.dialect ?? dialects.openai;
  }

  /** Stops the server and destroys open connections, hanging requests included. */
  async close(): Promise<void> {
    await this.http.close();
  }

  private record(request: IncomingMessage, path: string, body: ChatCompletionRequestBody | undefined): RecordedRequest {
    const entry: RecordedRequest = {
      seq: this.requests.length + 1,
      method: request.method ?? "GET",
      path,
      headers: request.headers,
      body,
      model: typeof body?.model === "string" ? body.model : undefined,
      time: Date.now(),
      status: undefined,
      replyKind: undefined,
      closedByClient: false,
      chunksSent: 0,
      droppedByServer: false,
      responseClosed: false,
    };
    this.requests.push(entry);
    return entry;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? "/";
    const queryStart = url.indexOf("?");
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const raw = await readRequestBody(request);
    let body: ChatCompletionRequestBody | undefined;
    let invalidJson = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString("utf8")) as ChatCompletionRequestBody;
      } catch {
        invalidJson = true;
      }
    }
    const entry = this.record(request, path, body);
    response.once("close", () => {
      entry.responseClosed = true;
      if (!response.writableFinished && !entry.droppedByServer) entry.closedByClient = true;
    });

    if (request.method === "GET" && path === "/v1/models") {
      send(response, entry, 200, this.modelList());
      return;
    }
    if (request.method !== "POST" || !Object.hasOwn(ENDPOINTS, path)) {
      send(response, entry, 404, openAIErrorBody(404, "unknown_url", { message: `Unknown request URL: ${path}` }));
      return;
    }
    if (invalidJson || body === undefined) {
      send(response, entry, 400, openAIErrorBody(400, null, { message: "We could not parse the JSON body." }));
      return;
    }
    const rejection = this.dialect.rejectRequest?.(body);
    if (rejection !== undefined) {
      entry.replyKind = "rejected";
      send(response, entry, rejection.status, rejection.body, rejection.headers);
      return;
    }
    const reply = await this.nextReply(entry);
    await deliverReply(reply, entry, request, response, {
      omitUsage: this.dialect.omitUsage === true,
      ...ENDPOINTS[path as keyof typeof ENDPOINTS],
    });
  }

  private async nextReply(entry: RecordedRequest): Promise<FakeReply> {
    const own = entry.model === undefined ? undefined : this.scripts.get(entry.model);
    const scripted = own?.length ? own.shift() : this.scripts.get(ANY_MODEL)?.shift();
    const source = scripted ?? this.defaultReply;
    if (source === undefined) return { echo: true };
    return typeof source === "function" ? source(entry) : source;
  }

  private modelList(): unknown {
    const ids = new Set(this.options.models ?? DEFAULT_MODELS);
    for (const model of this.scripts.keys()) if (model !== ANY_MODEL) ids.add(model);
    const data = [...ids].map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "testkit" }));
    return { object: "list", data };
  }
}
