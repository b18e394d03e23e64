export type { FaultCount, FaultKind, FaultSpec, InjectedFault } from "./fault-script.js";
export { FaultScript } from "./fault-script.js";
export { DEFAULT_LATENCY, type LatencyProfile, latencyFor } from "./latency-profile.js";
export { seededRandom } from "./seeded-random.js";
export { ResponderFailure, type SentToolCall, type SimulatedAnswer, simulatedAnswer } from "./simulated-answer.js";
export {
  anthropicRequestOf,
  openAIRequestOf,
  type Responder,
  type SimulatedApi,
  type SimulatedMessage,
  type SimulatedMessageToolCall,
  type SimulatedRequest,
  type SimulatedTool,
  type SimulatedToolChoice,
} from "./simulated-request.js";
export { emptyModelStats, type ModelStats, type SimulatorStats } from "./simulator-stats.js";
export {
  SIMULATED_HEADER,
  type SimulatedProvider,
  type SimulatedProviderOptions,
  startSimulatedProvider,
} from "./start-simulated-provider.js";
export {
  countCompletionTokens,
  countPromptTokens,
  TOKENS_PER_MESSAGE,
  TOKENS_PER_REPLY,
  truncateToTokens,
} from "./token-usage.js";
export { type SimulatedToolCall, ToolCallAnswer, toolCallAnswer } from "./tool-call-answer.js";
