export { scriptedTable as testTable } from "../testing/scripted-table.js";
