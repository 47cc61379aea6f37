/**
 * The bad-input corpus, part 2 (test/faults/README.md lists every case): names, duplicates, numbers and units, references
 * and credentials.
 */
import { test } from 'uvu';
import { valueCases } from './cases-values.js';
import { assertOutcome, removeTemplate, runCase } from './harness.js';

test.after(removeTemplate);

for (const c of valueCases) {
  test(`${c.id}: ${c.title} → ${c.code}, exit 1, out/ untouched`, async () => {
    assertOutcome(c, await runCase(c));
  });
}

test.run();
