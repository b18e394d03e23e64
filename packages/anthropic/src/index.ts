export {
  type AnthropicAdapterOptions,
  type AnthropicModelAdapter,
  anthropicAdapter,
  CLAUDE_INPUT_TOKEN_SAFETY_FACTOR,
  CLAUDE_MAX_TOKENS_PER_IMAGE,
} from "./anthropic-adapter.js";
export type {
  AnthropicClientLike,
  AnthropicContentBlock,
  AnthropicImageMediaType,
  AnthropicMessage,
  AnthropicTool,
  AnthropicToolChoice,
  MessagesRequest,
  MessagesRequestOptions,
  OutputTool,
} from "./anthropic-client-like.js";
export { clientEndpoint } from "./client-endpoint.js";
export { classOfStatus, mapAnthropicError } from "./map-anthropic-error.js";
export { mapStopReason } from "./map-stop-reason.js";
export { mapStreamError, messageStreamParts } from "./message-stream-parts.js";
export { type AnthropicUsageShape, messageUsage } from "./message-usage.js";
