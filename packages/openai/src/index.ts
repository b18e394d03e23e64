export { mapFinishReason } from "./map-finish-reason.js";
export { classOfStatus, mapOpenAIError } from "./map-openai-error.js";
export { type OpenAIAdapterOptions, openAIAdapter } from "./openai-adapter.js";
export { retryAfterMs } from "./retry-after.js";
