import { expect } from "vitest";

/** A Messages request to post: body and how to send it. */
export interface PostOptions {
  version?: string;
  path?: string;
  signal?: AbortSignal;
}

/**
 * Posts a Messages request to `baseURL` the way the SDKs do (headers included), so the fake's
 * own tests need no SDK: the testkit has none installed, and the SDK-level checks live with the
 * adapter package that has both majors.
 */
export function postMessages(baseURL: string, apiKey: string, body: unknown, options: PostOptions = {}) {
  return fetch(`${baseURL}${options.path ?? "/v1/messages"}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-api-key": apiKey,
      "anthropic-version": options.version ?? "2023-06-01",
    },
    body: JSON.stringify(body),
    signal: options.signal ?? null,
  });
}

/** The fields the tests read from a JSON answer: a message, an error body or a token count. */
export interface AnswerJson {
  content: { type: string; text?: string }[];
  stop_reason: string;
  usage: Record<string, unknown>;
  error: { type: string; message: string };
}

/** A response's JSON body with the fields the tests read. */
export function json(response: Response): Promise<AnswerJson> {
  return response.json() as Promise<AnswerJson>;
}

/** A parsed server-sent event. */
export interface ParsedEvent {
  type: string;
  [key: string]: unknown;
}

/**
 * Reads an event stream until it ends or breaks, returning the parsed events and whether it
 * broke; checks on the way that every frame's `event:` name equals its data's `type`.
 */
export async function readEvents(response: Response): Promise<{ events: ParsedEvent[]; broke: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let broke = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    broke = true;
  }
  const events = text
    .split("\n\n")
    .filter((frame) => frame.trim() !== "")
    .map((frame) => {
      const name = /^event: (.*)$/m.exec(frame)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? "null") as ParsedEvent;
      expect(data.type).toBe(name);
      return data;
    });
  return { events, broke };
}
