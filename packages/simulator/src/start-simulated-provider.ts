import { FakeOpenAIServer, type FakeReply, reply } from "@modelpolicy/testkit";
import { FaultScript, type FaultSpec } from "./fault-script.js";
import { DEFAULT_LATENCY, type LatencyProfile, latencyFor } from "./latency-profile.js";
import { seededRandom } from "./seeded-random.js";
import { type Responder, type SimulatedRequest, simulatedRequestOf } from "./simulated-request.js";
import { emptyModelStats, type ModelStats, type SimulatorStats } from "./simulator-stats.js";
import { countPromptTokens, truncateToTokens } from "./token-usage.js";

/** How a simulated provider answers; every field is optional. */
export interface SimulatedProviderOptions {
  /** Fixture answers; without one (or when it returns `undefined`) a generic answer is sent. */
  responder?: Responder;
  /** Latency per requested model; models without a profile get {@link DEFAULT_LATENCY}. */
  latency?: Readonly<Record<string, LatencyProfile>>;
  /** Scripted faults, applied in order per model. */
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
  /** Live counters of what it served. */
  readonly stats: SimulatorStats;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Header on every simulated answer, so a captured response can never pass for a real one. */
export const SIMULATED_HEADER = "x-modelpolicy-simulated";

/**
 * Starts a SIMULATED provider that speaks the OpenAI chat-completions HTTP API on 127.0.0.1, so
 * an offline run goes through the same adapter, SDK, HTTP client and telemetry as production:
 * only the answers are canned. Answers come from the caller's `responder`; their usage is the
 * real o200k_base token count of the real prompt and answer, they honour the request's output
 * limit (`finish_reason: "length"` past it), arrive after a seeded per-model latency, and a
 * fault script can make chosen requests fail the way providers fail (429 with Retry-After, 5xx
 * outages, resets). Built on the testkit's fake server, which owns the HTTP details.
 */
export async function startSimulatedProvider(options: SimulatedProviderOptions = {}): Promise<SimulatedProvider> {
  const server = new FakeOpenAIServer({ models: Object.keys(options.latency ?? {}), port: options.port ?? 0 });
  const random = seededRandom(options.seed ?? 1);
  const faults = new FaultScript(options.faults);
  const byModel: Record<string, ModelStats> = {};
  let requests = 0;

  server.setDefault(async (recorded): Promise<FakeReply> => {
    const request = simulatedRequestOf(recorded);
    requests += 1;
    byModel[request.model] ??= emptyModelStats();
    const stats = byModel[request.model]!;
    stats.requests += 1;
    const fault = faults.next(request.model);
    if (fault) {
      stats.faults += 1;
      return fault.reply;
    }
    let fixture: unknown;
    try {
      fixture = await options.responder?.(request);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return reply.error(500, null, { message: `SIMULATED provider: the fixture responder failed: ${reason}` });
    }
    if (fixture === undefined) stats.genericAnswers += 1;
    const content =
      fixture === undefined ? genericAnswer(request) : typeof fixture === "string" ? fixture : JSON.stringify(fixture);
    const answer = truncateToTokens(content, request.maxTokens ?? Number.POSITIVE_INFINITY);
    const promptTokens = countPromptTokens(request.messages);
    stats.completions += 1;
    stats.promptTokens += promptTokens;
    stats.completionTokens += answer.tokens;
    if (answer.truncated) stats.truncated += 1;
    const profile = options.latency?.[request.model] ?? DEFAULT_LATENCY;
    return reply.ok(answer.text, {
      usage: { promptTokens, completionTokens: answer.tokens },
      finishReason: answer.truncated ? "length" : "stop",
      model: options.snapshots?.[request.model] ?? request.model,
      headers: { [SIMULATED_HEADER]: "true" },
      delayMs: latencyFor(profile, answer.tokens, random),
    });
  });

  const { baseURL } = await server.start();
  return {
    baseURL,
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

/** The deterministic answer to a request no fixture covers; JSON when JSON was asked for. */
function genericAnswer(request: SimulatedRequest): string {
  const note = `SIMULATED provider: no fixture answer for this request (model ${request.model}).`;
  return request.responseFormat ? JSON.stringify({ simulated: true, note }) : note;
}
