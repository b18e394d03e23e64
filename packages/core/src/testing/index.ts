export { ScriptedAdapter, type ScriptedStep } from "./scripted-adapter.js";
export { type EmbedStep, ScriptedEmbedder } from "./scripted-embedder.js";
export { scriptedTable } from "./scripted-table.js";
