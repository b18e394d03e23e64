export { scriptedTable as testTable } from "@modelpolicy/core/testing";
