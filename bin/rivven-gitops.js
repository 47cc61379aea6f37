#!/usr/bin/env node
// Runs the compiled CLI from dist/ (built by `npm install` through the prepare script).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`rivven-gitops: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
