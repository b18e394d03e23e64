import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";

/** Default time a server gets to answer: short, since the servers are meant to be local. */
export const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * GETs a URL and parses its JSON body, turning every way it can fail into one line: no answer
 * (refused, timeout, DNS) and HTTP error statuses exit 4, a body that is not JSON exits 5.
 * `what` names the source in messages ("Prometheus", "Jaeger").
 */
export async function fetchJson(url: URL, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  } catch (error) {
    throw new CliError(
      `${what} at ${url.origin} did not answer (${reason(error, timeoutMs)}).`,
      EXIT_CODES.unreachable,
      {
        cause: error,
      },
    );
  }
  const text = await response.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (!response.ok)
      throw new CliError(`${what} answered HTTP ${response.status} for ${url.pathname}.`, EXIT_CODES.unreachable);
    throw new CliError(`${what} at ${url.origin} answered with something that is not JSON.`, EXIT_CODES.corruptData);
  }
  if (!response.ok && response.status >= 500) {
    throw new CliError(`${what} answered HTTP ${response.status}${detail(body)}.`, EXIT_CODES.unreachable);
  }
  return body;
}

function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

function detail(body: unknown): string {
  const message = (body as { error?: unknown } | null)?.error;
  return typeof message === "string" ? `: ${message}` : "";
}
