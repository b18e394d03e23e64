import { modelpolicyProject } from "../../vitest.shared.js";

export default modelpolicyProject("faults", {
  setupFiles: ["./test/setup.ts"],
  globalSetup: ["./test/global-setup.ts"],
});
