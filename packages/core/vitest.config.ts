import { modelpolicyProject } from "../../vitest.shared.js";

export default modelpolicyProject("core", {
  typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.test.json" },
});
