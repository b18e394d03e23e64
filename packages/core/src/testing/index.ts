export { ScriptedAdapter, type ScriptedStep } from "./scripted-adapter.js";
