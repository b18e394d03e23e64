import { modelpolicyProject } from "../../vitest.shared.js";

export default modelpolicyProject("fake-provider");
