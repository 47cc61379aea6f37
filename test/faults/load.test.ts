/**
 * The bad-input corpus, part 1 (test/faults/README.md lists every case): broken TypeScript, files that
 * throw or never finish, forbidden imports and exports, prototype keys, values that are not data.
 */
import { test } from 'uvu';
import { loadCases } from './cases-load.js';
import { assertOutcome, removeTemplate, runCase } from './harness.js';

test.after(removeTemplate);

for (const c of loadCases) {
  test(`${c.id}: ${c.title} → ${c.code}, exit 1, out/ untouched`, async () => {
    assertOutcome(c, await runCase(c));
  });
}

test.run();
