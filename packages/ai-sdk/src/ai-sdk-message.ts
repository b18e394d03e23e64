import type { AiSdkJsonObject, AiSdkJsonSchema } from "./ai-sdk-provider-like.js";

/**
 * A file part's data as spec v2 and v3 take it: base64 text or a `URL` (the specs allow bytes
 * too, which the adapter never sends, since the core's parts hold base64 or a URL).
 */
export type AiSdkDataContent = string | URL;

/**
 * A file part's data as spec v4 takes it, tagged: `{ type: "data", data }` with base64 text, or
 * `{ type: "url", url }`. Spec v4 changed the untagged {@link AiSdkDataContent} to this, so the
 * adapter builds the prompt for the version the model declares.
 */
export type AiSdkFileData = { type: "data"; data: string } | { type: "url"; url: URL };

/** A text part of a user or assistant message, the same in spec v2, v3 and v4. */
export interface AiSdkTextPart {
  type: "text";
  text: string;
}

/**
 * An image or file of a user message: every spec version sends both as a `file` part whose media
 * type says which (`image/png`, `application/pdf`). `Data` is {@link AiSdkDataContent} for spec
 * v2 and v3 and {@link AiSdkFileData} for v4. `providerOptions` carries OpenAI's `imageDetail`.
 */
export interface AiSdkFilePart<Data = AiSdkDataContent | AiSdkFileData> {
  type: "file";
  mediaType: string;
  data: Data;
  filename?: string;
  providerOptions?: Record<string, AiSdkJsonObject>;
}

/**
 * A tool call an assistant turn replays. `input` is the arguments parsed into their JSON object:
 * every spec version types it as the tool's input value, not as JSON text (only a result's calls
 * carry text), and providers encode it for their API themselves.
 */
export interface AiSdkToolCallPart {
  type: "tool-call";
  toolCallId: string;
  toolName: string;
  input: Record<string, unknown>;
}

/**
 * A tool's result sent back, as text (`output: { type: "text", value }`, the same in spec v2, v3
 * and v4). `toolName` is required by every spec (Gemini sends it as the function response's
 * name), so the adapter takes it from the call the result answers.
 */
export interface AiSdkToolResultPart {
  type: "tool-result";
  toolCallId: string;
  toolName: string;
  output: { type: "text"; value: string };
}

/**
 * One prompt message: the subset of every spec version's message union the core sends. `Data`
 * is the file data shape of the model's spec version (see {@link AiSdkFilePart}).
 */
export type AiSdkMessage<Data = AiSdkDataContent | AiSdkFileData> =
  | { role: "system"; content: string }
  | { role: "user"; content: (AiSdkTextPart | AiSdkFilePart<Data>)[] }
  | { role: "assistant"; content: (AiSdkTextPart | AiSdkToolCallPart)[] }
  | { role: "tool"; content: AiSdkToolResultPart[] };

/**
 * A function tool as the call options carry it; `inputSchema` is the JSON Schema of its
 * arguments (spec v2 renamed the v1 `parameters` to `inputSchema`, and v3 and v4 kept it).
 */
export interface AiSdkFunctionTool {
  type: "function";
  name: string;
  description?: string;
  inputSchema: AiSdkJsonSchema;
}

/** Whether and which tool the model must call, the same in spec v2, v3 and v4. */
export type AiSdkToolChoice =
  | { type: "auto" }
  | { type: "none" }
  | { type: "required" }
  | { type: "tool"; toolName: string };
