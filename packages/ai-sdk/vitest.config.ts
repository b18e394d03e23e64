import { modelpolicyProject } from "../../vitest.shared.js";

export default modelpolicyProject("ai-sdk");
