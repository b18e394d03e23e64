import { InvalidArgumentError } from "commander";

/**
 * Commander parser for `--prometheus`, `--jaeger` and `--jaeger-ui`: an http(s) URL, checked at
 * parse time so a typo is a usage error (exit 2), not a connection failure (exit 4).
 */
export function parseHttpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a URL: use e.g. http://127.0.0.1:9090.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(`"${value}" is not an http(s) URL.`);
  }
  return value;
}

/** Commander parser for counts and milliseconds: a whole number from 1 to `max`. */
export function positiveInteger(max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1 || number > max) {
      throw new InvalidArgumentError(`"${value}" is not a whole number from 1 to ${max}.`);
    }
    return number;
  };
}

/** Commander parser for gate thresholds: a number from 0 up (0.02 = two points, 0.25 = 25 %). */
export function nonNegativeNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0) {
    throw new InvalidArgumentError(`"${value}" is not a number from 0 up.`);
  }
  return number;
}

/** Commander parser for comma-separated names, repeatable: `--routes a,b --routes c`. */
export function collectNames(value: string, previous: string[] | undefined): string[] {
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0) throw new InvalidArgumentError(`"${value}" names nothing.`);
  return [...(previous ?? []), ...names];
}
