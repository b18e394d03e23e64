#!/usr/bin/env node
// The demo's CLI: `pnpm --filter @modelpolicy/example-invoice-processing start`, or `node examples/invoice-processing/dist/main.js`.
import { runDemoCli } from "@modelpolicy/example-workflow-kit";
import { runDemo } from "./run-demo.js";

await runDemoCli({ serviceName: "invoice-processing", featuredTask: "tax_ambiguity", run: runDemo });
