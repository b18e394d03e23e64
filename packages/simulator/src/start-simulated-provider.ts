import type { IncomingMessage, ServerResponse } from "node:http";
import {
  checkMessagesRequest,
  delayUnlessClosed,
  LoopbackHttpServer,
  readRequestBody,
  responseClosed,
  writeJson,
} from "@modelpolicy/fake-provider";
import { FaultScript, type FaultSpec, type InjectedFault } from "./fault-script.js";
import { DEFAULT_LATENCY, type LatencyProfile, latencyFor } from "./latency-profile.js";
import { seededRandom } from "./seeded-random.js";
import { ResponderFailure, simulatedAnswer } from "./simulated-answer.js";
import { anthropicRequestOf, openAIRequestOf, type Responder, type SimulatedApi } from "./simulated-request.js";
import { type SimulatedWire, streamAnthropicAnswer, wireOf } from "./simulated-wire.js";
import { emptyModelStats, type ModelStats, type SimulatorStats } from "./simulator-stats.js";
import { streamOpenAIAnswer } from "./stream-openai-answer.js";

/** How a simulated provider answers; every field is optional. */
export interface SimulatedProviderOptions {
  /** Fixture answers; without one (or when it returns `undefined`) a generic answer is sent. */
  responder?: Responder;
  /** Latency per requested model; models without a profile get {@link DEFAULT_LATENCY}. */
  latency?: Readonly<Record<string, LatencyProfile>>;
  /** Scripted faults, applied in order per model, whichever API the model is asked through. */
  faults?: readonly FaultSpec[];
  /** Seed of the jitter (default 1): the same seed and request order give the same latencies. */
  seed?: number;
  /** Model name reported as served, per requested model (a dated snapshot, as real providers do). */
  snapshots?: Readonly<Record<string, string>>;
  /** Port on 127.0.0.1 (default: any free port). */
  port?: number;
}

/** A running simulated provider. */
export interface SimulatedProvider {
  /** `http://127.0.0.1:PORT/v1`, the OpenAI client's `baseURL`. */
  readonly baseURL: string;
  /** `http://127.0.0.1:PORT`, the Anthropic client's `baseURL` (the SDK appends `/v1/messages`). */
  readonly anthropicBaseURL: string;
  /** Live counters of what it served. */
  readonly stats: SimulatorStats;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Header on every simulated answer, so a captured response can never pass for a real one. */
export const SIMULATED_HEADER = "x-modelpolicy-simulated";

const API_BY_PATH: Readonly<Record<string, SimulatedApi>> = {
  "/v1/chat/completions": "openai",
  "/v1/messages": "anthropic",
};

/**
 * Starts a SIMULATED provider on 127.0.0.1 that speaks two HTTP APIs on one port: OpenAI chat
 * completions (`baseURL`) and the Anthropic Messages API (`anthropicBaseURL`). An offline run
 * therefore goes through the same adapters, SDKs, HTTP clients and telemetry as production, and
 * a fallback from a GPT tier to a Claude tier crosses providers for real; only the answers are
 * canned. They come from the caller's `responder`; their usage is the real o200k_base token count
 * of the real prompt and answer, they honour the request's output limit, arrive after a seeded
 * per-model latency, and a fault script makes chosen requests fail the way providers fail (429
 * with Retry-After, 5xx outages, resets), each in its API's own error shape.
 */
export async function startSimulatedProvider(options: SimulatedProviderOptions = {}): Promise<SimulatedProvider> {
  const random = seededRandom(options.seed ?? 1);
  const faults = new FaultScript(options.faults);
  const byModel: Record<string, ModelStats> = {};
  const models = new Set(Object.keys(options.latency ?? {}));
  let requests = 0;
  let sequence = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?")[0]!;
    const api = API_BY_PATH[path];
    const wire = wireOf(api ?? (path.startsWith("/v1/messages") ? "anthropic" : "openai"));
    sequence += 1;
    const headers = { [SIMULATED_HEADER]: "true", [wire.requestIdHeader]: `req_simulated_${sequence}` };
    const raw = await readRequestBody(request);
    if (request.method === "GET" && path === "/v1/models") {
      const data = [...models].map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "simulated" }));
      writeJson(response, 200, { object: "list", data }, headers);
      return;
    }
    if (request.method !== "POST" || api === undefined) {
      const message = `SIMULATED provider: unknown URL ${request.method} ${path}`;
      writeJson(response, 404, wire.errorBody(404, message, "unknown_url"), headers);
      return;
    }
    const body = parseObject(raw);
    const invalid = (message: string) => writeJson(response, 400, wire.errorBody(400, message), headers);
    if (body === undefined) return invalid("SIMULATED provider: the request body is not a JSON object.");
    if (api === "anthropic") {
      const version = request.headers["anthropic-version"];
      const problem = checkMessagesRequest(body, typeof version === "string" ? version : undefined);
      if (problem !== undefined) return invalid(problem);
    }

    const simulated = api === "openai" ? openAIRequestOf(body) : anthropicRequestOf(body);
    requests += 1;
    models.add(simulated.model);
    byModel[simulated.model] ??= emptyModelStats();
    const stats = byModel[simulated.model]!;
    stats.requests += 1;
    const fault = faults.next(simulated.model);
    if (fault) {
      stats.faults += 1;
      await sendFault(fault, wire, request, response, headers);
      return;
    }
    let answer: Awaited<ReturnType<typeof simulatedAnswer>>;
    try {
      answer = await simulatedAnswer(simulated, options.responder);
    } catch (error) {
      if (!(error instanceof ResponderFailure)) throw error;
      writeJson(response, 500, wire.errorBody(500, error.message), headers);
      return;
    }
    if (answer.generic) stats.genericAnswers += 1;
    if (answer.truncated) stats.truncated += 1;
    stats.completions += 1;
    stats.promptTokens += answer.promptTokens;
    stats.completionTokens += answer.completionTokens;
    const profile = options.latency?.[simulated.model] ?? DEFAULT_LATENCY;
    if (!(await delayUnlessClosed(latencyFor(profile, answer.completionTokens, random), response))) return;
    const served = options.snapshots?.[simulated.model] ?? simulated.model;
    const answerBody = wire.answerBody(answer, simulated, sequence, served);
    if (api === "anthropic" && body.stream === true) await streamAnthropicAnswer(response, answerBody, headers);
    else if (body.stream === true) await streamOpenAIAnswer(response, answerBody, body, headers);
    else writeJson(response, 200, answerBody, headers);
  }

  const server = new LoopbackHttpServer(handle);
  const port = await server.listen(options.port ?? 0);
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    anthropicBaseURL: `http://127.0.0.1:${port}`,
    stats: {
      get requests() {
        return requests;
      },
      byModel,
      get faults() {
        return faults.counts();
      },
    },
    close: () => server.close(),
  };
}

/**
 * Sends a scripted fault after its delay, the way the failure looks on the wire: an error status
 * with the API's error body and retry headers, a connection reset, a 200 whose JSON breaks off,
 * or no answer at all until the client gives up.
 */
async function sendFault(
  fault: InjectedFault,
  wire: SimulatedWire,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  if (fault.kind === "hang") {
    await responseClosed(response);
    return;
  }
  if (!(await delayUnlessClosed(fault.delayMs, response))) return;
  switch (fault.kind) {
    case "reset":
      // RST rather than FIN: the client sees ECONNRESET, the way a crashed proxy looks.
      request.socket.resetAndDestroy();
      return;
    case "malformed":
      writeJson(
        response,
        200,
        JSON.stringify({ id: "simulated-malformed", note: fault.message }).slice(0, 40),
        headers,
      );
      return;
    default: {
      const retry: Record<string, string> = {};
      if (fault.retryAfterMs !== undefined) {
        retry["retry-after-ms"] = String(fault.retryAfterMs);
        retry["retry-after"] = String(Math.max(1, Math.ceil(fault.retryAfterMs / 1000)));
      }
      const status = fault.status ?? 503;
      const code = fault.kind === "rate_limit" ? "rate_limit_exceeded" : null;
      writeJson(response, status, wire.errorBody(status, fault.message, code), { ...headers, ...retry });
    }
  }
}

function parseObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
