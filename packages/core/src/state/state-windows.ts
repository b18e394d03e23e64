import type { SpendWindow } from "../policy/policy-schema.js";

/** Length of a rate-limit window: `rpm` and `tpm` count per fixed minute. */
export const RATE_WINDOW_MS = 60_000;

const SPEND_WINDOW_MS: Readonly<Record<SpendWindow, number>> = { hour: 3_600_000, day: 86_400_000 };

/** Index of the one-minute rate-limit window `now` falls in, counted from the epoch. */
export function rateWindowOf(now: number): number {
  return Math.floor(now / RATE_WINDOW_MS);
}

/**
 * Start (epoch ms) of the spend window `now` falls in: the UTC clock hour or the UTC day. Every
 * replica computes it from its own clock, so windows line up across a fleet whose clocks agree.
 */
export function spendWindowStart(window: SpendWindow, now: number): number {
  const length = SPEND_WINDOW_MS[window];
  return Math.floor(now / length) * length;
}

/** Length in milliseconds of a spend window. */
export function spendWindowMs(window: SpendWindow): number {
  return SPEND_WINDOW_MS[window];
}
