export { type AnthropicAdapterOptions, anthropicAdapter } from "./anthropic-adapter.js";
export type {
  AnthropicClientLike,
  MessagesRequest,
  MessagesRequestOptions,
  OutputTool,
} from "./anthropic-client-like.js";
export { classOfStatus, mapAnthropicError } from "./map-anthropic-error.js";
export { mapStopReason } from "./map-stop-reason.js";
export { type AnthropicUsageShape, messageUsage } from "./message-usage.js";
export type { HeadersLike } from "./read-header.js";
export { retryAfterMs } from "./retry-after.js";
