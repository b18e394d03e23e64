export { type ExitHookTarget, installExitHooks } from "./exit-hooks.js";
export { type StartTelemetryOptions, startTelemetry, type TelemetryHandle } from "./start-telemetry.js";
