/** The failures a simulated provider can inject, each the way a real provider shows it. */
export type FaultKind = "rate_limit" | "outage" | "reset" | "malformed" | "hang";

/**
 * One scripted fault: `times` requests for `model` (or `"*"`, any model) fail as `kind`, once
 * `after` requests for that model have been answered. Faults of one model apply in list order,
 * so "one 429, then an outage" is two entries. The model name is all a fault matches, so the
 * same script serves both APIs the simulator speaks: a GPT model's outage fails its chat
 * completions, a Claude model's its messages.
 */
export interface FaultSpec {
  model: string;
  kind: FaultKind;
  /** How many requests fail (default 1; `Infinity` for an outage that never ends). */
  times?: number;
  /** Requests for this model that go through before the fault starts (default 0). */
  after?: number;
  /** HTTP status of an `outage` (default 503). */
  status?: number;
  /** Sent as `retry-after-ms` and (rounded up to seconds) `Retry-After`. */
  retryAfterMs?: number;
  /** Milliseconds before the failure is sent (default 15): errors are quick, but not instant. */
  delayMs?: number;
}

/**
 * A fault that answers one request, in terms both APIs share; the simulator writes it in the
 * requested API's own error shape (OpenAI's `{error: {code}}` or Anthropic's `{type: "error"}`).
 */
export interface InjectedFault {
  readonly kind: FaultKind;
  /** The error status for `rate_limit` (429) and `outage`; `undefined` for the kinds that send none. */
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly delayMs: number;
  /** The error message, which says SIMULATED so it is never mistaken for a real provider's. */
  readonly message: string;
}

/** How often one fault fired. */
export interface FaultCount {
  model: string;
  kind: FaultKind;
  injected: number;
}

interface ArmedFault {
  readonly spec: FaultSpec;
  remaining: number;
  injected: number;
}

/**
 * The fault schedule of one simulated provider: decides, per request, whether a scripted fault
 * answers it, and counts what fired so a demo can report "one 429 absorbed by a retry".
 */
export class FaultScript {
  private readonly faults: ArmedFault[];
  private readonly seen = new Map<string, number>();

  constructor(faults: readonly FaultSpec[] = []) {
    this.faults = faults.map((spec) => ({ spec, remaining: spec.times ?? 1, injected: 0 }));
  }

  /** The fault for the next request of `model`, or `undefined` when it should succeed. */
  next(model: string): InjectedFault | undefined {
    const seenBefore = this.seen.get(model) ?? 0;
    this.seen.set(model, seenBefore + 1);
    const fault = this.faults.find(
      (entry) =>
        (entry.spec.model === model || entry.spec.model === "*") &&
        entry.remaining > 0 &&
        seenBefore >= (entry.spec.after ?? 0),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.injected += 1;
    return injected(fault.spec, model);
  }

  /** Every fault with how often it fired, in script order. */
  counts(): FaultCount[] {
    return this.faults.map((entry) => ({ model: entry.spec.model, kind: entry.spec.kind, injected: entry.injected }));
  }
}

function injected(spec: FaultSpec, model: string): InjectedFault {
  const base = { kind: spec.kind, retryAfterMs: spec.retryAfterMs, delayMs: spec.delayMs ?? 15 };
  switch (spec.kind) {
    case "rate_limit":
      return { ...base, status: 429, message: `SIMULATED rate limit for ${model}: too many requests, please retry.` };
    case "outage": {
      const status = spec.status ?? 503;
      return { ...base, status, message: `SIMULATED outage: ${model} is unavailable (status ${status}).` };
    }
    default:
      return { ...base, status: undefined, message: `SIMULATED ${spec.kind} for ${model}.` };
  }
}
