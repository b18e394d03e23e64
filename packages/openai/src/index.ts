export { classOfStatus, mapOpenAIError } from "./map-openai-error.js";
export { mapFinishReason } from "./map-finish-reason.js";
export { type OpenAIAdapterOptions, openAIAdapter } from "./openai-adapter.js";
export { retryAfterMs } from "./retry-after.js";
