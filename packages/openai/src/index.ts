export { mapFinishReason } from "./map-finish-reason.js";
export { classOfStatus, mapOpenAIError } from "./map-openai-error.js";
export { type OpenAIAdapterOptions, openAIAdapter } from "./openai-adapter.js";
export type { ChatCompletionRequest, ChatCompletionRequestOptions, OpenAIClientLike } from "./openai-client-like.js";
export type { HeadersLike } from "./read-header.js";
export { retryAfterMs } from "./retry-after.js";
