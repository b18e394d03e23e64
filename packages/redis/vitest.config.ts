import { modelpolicyProject } from "../../vitest.shared.js";

export default modelpolicyProject("redis");
