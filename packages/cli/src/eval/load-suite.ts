import { type EvalSuite, ROUTE_KINDS } from "@modelpolicy/core";
import { CliError } from "../cli-error.js";
import { EXIT_CODES } from "../exit-codes.js";
import { existingFile, importModule } from "../load-module.js";

/**
 * Loads an eval suite module (`--suite`): its `evalSuite` export, else its default export. The
 * shape is checked here, every problem listed, because a suite is user code the CLI never saw.
 */
export async function loadSuite(path: string, cwd: string): Promise<EvalSuite> {
  const absolute = await existingFile(path, cwd, "eval suite");
  const module = await importModule(absolute, "eval suite");
  const suite = (module.evalSuite ?? module.default) as Partial<EvalSuite> | undefined;
  const problems: string[] = [];
  if (suite === null || typeof suite !== "object") {
    problems.push("exports no `evalSuite` (nor a default export)");
  } else {
    if (typeof suite.name !== "string" || suite.name === "") problems.push("name: must be a non-empty string");
    if (typeof suite.goldenDir !== "string" || suite.goldenDir === "")
      problems.push("goldenDir: must be a folder path");
    if (suite.startOfflineProvider !== undefined && typeof suite.startOfflineProvider !== "function") {
      problems.push("startOfflineProvider: must be a function");
    }
    const routes = suite.routes;
    if (routes === null || typeof routes !== "object" || Object.keys(routes).length === 0) {
      problems.push("routes: must name at least one route");
    } else {
      for (const [name, route] of Object.entries(routes)) {
        if (!(ROUTE_KINDS as readonly unknown[]).includes(route?.kind)) {
          problems.push(`routes.${name}.kind: must be one of ${ROUTE_KINDS.join(", ")}`);
        }
        if (typeof route?.request !== "function") problems.push(`routes.${name}.request: must be a function`);
        if (typeof route?.score !== "function") problems.push(`routes.${name}.score: must be a function`);
      }
    }
  }
  if (problems.length > 0) {
    throw new CliError(
      [
        `invalid eval suite ${absolute}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`,
        ...problems.map((problem) => `  ✖ ${problem}`),
      ].join("\n"),
      EXIT_CODES.invalidInput,
    );
  }
  return suite as EvalSuite;
}
