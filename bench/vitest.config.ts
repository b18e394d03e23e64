import { modelpolicyProject } from "../vitest.shared.js";

export default modelpolicyProject("bench", { include: ["src/**/*.test.ts"] });
