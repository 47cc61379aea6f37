/**
 * Units are checked in the editor: sizes and durations are template-literal types, so `'500GB'` and
 * `retention: 365` are type errors where they are written (the type-check `build` runs reports them),
 * while the spellings the model accepts, and the DSL helpers, type-check.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/load/load-project.js';
import { loadFailure, removeProjects, summarize, writeProject } from '../load/support/temp-project.js';

test.after(removeProjects);

test("'500GB' and retention: 365 are type errors at their lines", async () => {
  const root = writeProject({
    'rivven.config.ts': `import { defineConfig } from 'rivven-gitops';

export default defineConfig({
  project: 'shop',
  cluster: { replicas: 3, storage: { size: '500GB' } },
  topics: { orders: { retention: 365 } },
});
`,
  });
  const findings = await loadFailure({ root });
  assert.equal(summarize(findings), ['RG102 rivven.config.ts:5:38', 'RG102 rivven.config.ts:6:23']);
  assert.match(findings[0]?.message ?? '', /"500GB"/);
  assert.match(findings[1]?.message ?? '', /'365' is not assignable/);
});

test('the accepted spellings and the DSL helpers type-check', async () => {
  const root = writeProject({
    'rivven.config.ts': `import { defineConfig, days, gib, hours } from 'rivven-gitops';

export default defineConfig({
  project: 'shop',
  cluster: { replicas: 3, storage: { size: gib(500) }, resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: 2 } } },
  topicDefaults: { flushInterval: 0, segmentBytes: 1073741824 },
  topics: {
    orders: { retention: days(7), maxMessageBytes: '1Mi' },
    audit: { retention: '1h30m', retentionBytes: -1 },
    compacted: { retention: hours(12), segmentBytes: '512Mi' },
  },
});
`,
  });
  const loaded = await loadProject({ root });
  assert.equal(summarize(loaded.findings.filter((f) => f.severity === 'error')), []);
});

test.run();
