export { ScriptedAdapter, type ScriptedStep } from "./scripted-adapter.js";
export { scriptedTable } from "./scripted-table.js";
