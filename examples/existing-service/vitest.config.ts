import { modelpolicyProject } from "../../vitest.shared.js";

export default modelpolicyProject("existing-service");
