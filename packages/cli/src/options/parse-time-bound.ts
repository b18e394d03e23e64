import { InvalidArgumentError } from "commander";

const RELATIVE = /^(\d+)(m|h|d|w)$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * Reads `--since`/`--until`: a relative age (`30m`, `24h`, `7d`, `2w` before now), a UTC day
 * (`2026-11-25`) or an ISO date-time (UTC unless it has an offset). A day given to `--until`
 * means the end of that day, so `--since D --until D` is the whole of day D, as people mean it.
 * Throws commander's `InvalidArgumentError`, which the CLI reports as a usage error.
 */
export function parseTimeBound(value: string, bound: "since" | "until", now: Date): Date {
  const text = value.trim();
  const relative = RELATIVE.exec(text);
  if (relative) {
    const unit = relative[2] as keyof typeof UNIT_MS;
    return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[unit]);
  }
  if (text === "now") return new Date(now.getTime());
  if (DATE_ONLY.test(text)) {
    const day = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) throw invalid(value);
    return bound === "until" ? new Date(day.getTime() + UNIT_MS.d) : day;
  }
  const match = DATE_TIME.exec(text);
  if (match) {
    const instant = new Date(match[3] === undefined ? `${text}Z` : text);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  throw invalid(value);
}

function invalid(value: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `"${value}" is not a date: use a day (2026-11-25), an ISO time (2026-11-25T14:00Z) or an age (30m, 24h, 7d, 2w).`,
  );
}
