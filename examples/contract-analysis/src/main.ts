#!/usr/bin/env node
// The demo's CLI: `pnpm demo` from the repository root (or `node dist/main.js` in this folder).
import { runDemoCli } from "@modelpolicy/example-workflow-kit";
import { runDemo } from "./run-demo.js";

await runDemoCli({ serviceName: "contract-analysis", featuredTask: "risk_judgement", run: runDemo });
