export { assertBuilt, type BuiltDemoLaunch, type BuiltDemoRun, runBuiltDemo } from "./run-built-demo.js";
export { type TextBuffer, textBuffer } from "./text-buffer.js";
