/**
 * The repository stands on its own: nothing in src/, test/, bench/ or scripts/ reads the upstream
 * reference folder beside our checkouts, except the one script that imports the CRDs into the schema
 * pack. A fresh clone has no such folder, so anything else reading it would fail there.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Spelled in pieces so this file does not mention it itself. */
const outside = ['..', 'shared'].join('/');
const importer = 'scripts/import-crds.mjs';

test(`only ${importer} mentions the folder beside the repository`, async () => {
  const files = await fg(['src/**', 'test/**', 'bench/**', 'scripts/**'], { cwd: repoRoot, dot: true, onlyFiles: true, ignore: ['**/node_modules/**', 'bench/work/**'] });
  assert.ok(files.length > 100, `found only ${files.length} files`);
  const offenders = files.filter((file) => file !== importer && fs.readFileSync(path.join(repoRoot, file), 'latin1').includes(outside));
  assert.equal(offenders, []);
  assert.ok(fs.readFileSync(path.join(repoRoot, importer), 'utf8').includes(outside), `${importer} names where the upstream files are`);
});

test.run();
