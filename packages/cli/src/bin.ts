#!/usr/bin/env node
import { runCli } from "./run-cli.js";

const result = await runCli(process.argv.slice(2), {
  debug: Boolean(process.env.MODELPOLICY_DEBUG),
  progress: process.stderr,
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
