// The wire core (bodies, errors, events, the loopback server) lives in @modelpolicy/fake-provider,
// which the simulator shares; the fakes' tests keep importing it from here.
export {
  type AnthropicContentBlockBody,
  type AnthropicErrorBody,
  type AnthropicMessageBody,
  type AnthropicStreamEvent,
  type AnthropicUsageBody,
  anthropicErrorBody,
  anthropicErrorType,
  anthropicMessageBody,
  anthropicStreamEvents,
  type ChatCompletionBody,
  type ChatCompletionChunkBody,
  chatCompletionChunks,
  checkMessagesRequest,
  estimateMessagesInputTokens,
  estimatePromptTokens,
  estimateTokens,
  type FakeAnthropicUsage,
  type FakeContentBlock,
  formatDataEvent,
  formatServerSentEvent,
  type MessagesRequestBody,
  type OpenAIErrorBody,
  openAIErrorBody,
} from "@modelpolicy/fake-provider";
export type { AnthropicRecordedRequest, AnthropicReplyKind } from "./anthropic/anthropic-recorded-request.js";
export {
  type AnthropicErrorReplyOptions,
  anthropicReply,
  type MessageReplyOptions,
} from "./anthropic/anthropic-reply.js";
export type {
  AnthropicMessageReply,
  AnthropicReplyFunction,
  AnthropicScriptedReply,
  FakeAnthropicReply,
  StreamOptions,
} from "./anthropic/fake-anthropic-reply.js";
export {
  FakeAnthropicServer,
  type FakeAnthropicServerAddress,
  type FakeAnthropicServerOptions,
} from "./anthropic/fake-anthropic-server.js";
export { type WaitUntilOptions, waitUntil } from "./http/wait-until.js";
export {
  LLAMA_CPP_PYTHON_VERSION,
  type LlamaServerInstall,
  locateLlamaServer,
  SMOLLM2_WHEEL_VERSION,
} from "./llama/locate-llama-server.js";
export {
  type RunningLlamaServer,
  type StartLlamaServerOptions,
  startLlamaServer,
} from "./llama/start-llama-server.js";
export type { StreamSuccess, SuccessBody } from "./openai/deliver-reply.js";
export {
  DEFAULT_EMBEDDING_DIMENSIONS,
  deterministicVector,
  type EmbeddingsBody,
  embeddingInputs,
  embeddingsBody,
} from "./openai/embeddings-body.js";
export {
  ANY_MODEL,
  FakeOpenAIServer,
  type FakeOpenAIServerAddress,
  type FakeOpenAIServerOptions,
} from "./openai/fake-openai-server.js";
export type {
  ChatStreamOptions,
  CompletionReply,
  EchoReply,
  FakeReply,
  FakeUsage,
  HangReply,
  HtmlReply,
  MalformedReply,
  ReplyFunction,
  ReplyTiming,
  ResetReply,
  ScriptedReply,
  StatusReply,
} from "./openai/fake-reply.js";
export type {
  ChatCompletionRequestBody,
  ChatMessageBody,
  RecordedRequest,
  ReplyKind,
} from "./openai/recorded-request.js";
export { type ErrorReplyOptions, reply } from "./openai/reply.js";
export {
  type ResponsesBody,
  type ResponsesFunctionCallItem,
  type ResponsesMessageItem,
  responsesBody,
  responsesInputText,
} from "./openai/responses-body.js";
export { dialects, LLAMA_CPP_PYTHON_RESPONSE_FORMAT_ERROR, type ServerDialect } from "./openai/server-dialect.js";
export { type ResponseStreamEventBody, responseStreamEvents, streamResponse } from "./openai/stream-response.js";
export type { Attributes, AttributeValue } from "./otlp/decode-any-value.js";
export { decodeLogs, type LogRecord, type OtlpLogsRequest } from "./otlp/log-record.js";
export { decodeMetrics, type MetricPoint, type MetricType, type OtlpMetricsRequest } from "./otlp/metric-point.js";
export {
  type OtlpFailure,
  OtlpReceiver,
  type OtlpRequestRecord,
  type RecordMatch,
} from "./otlp/otlp-receiver.js";
export {
  decodeTraces,
  type OtlpTracesRequest,
  type SpanEventRecord,
  type SpanKindName,
  type SpanRecord,
} from "./otlp/span-record.js";
