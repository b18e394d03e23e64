/**
 * The parsed JSON body of `POST /v1/messages`. Loosely typed on purpose: a fake records whatever
 * a client sends (`system`, `tools`, `tool_choice`, `temperature`, …) for tests to assert on,
 * without re-declaring the Anthropic API.
 */
export interface MessagesRequestBody {
  model?: string;
  max_tokens?: number;
  system?: unknown;
  messages?: { role: string; content?: unknown; [key: string]: unknown }[];
  stream?: boolean;
  tools?: { name?: string; input_schema?: unknown; [key: string]: unknown }[];
  tool_choice?: { type?: string; name?: string; [key: string]: unknown };
  [key: string]: unknown;
}
