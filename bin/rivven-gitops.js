#!/usr/bin/env node
// Runs the CLI from dist/ (built by `npm install` through the prepare script): the bundle of it
// (scripts/bundle-cli.mjs: a few files instead of ~420 for Node to load), or dist/cli/main.js itself
// when no bundle was made.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/cli-bundle/main.js', import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`rivven-gitops: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
