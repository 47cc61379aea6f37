/** `init --ci sharded`: the sharded workflow replaces the default one, is valid YAML, and runs affected, then each environment in a matrix. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { scaffoldFleet } from '../../src/init/scaffold.js';

test('the sharded workflow: affected feeds a matrix of check, build --check and diff per environment', () => {
  const files = scaffoldFleet({ project: 'shop', version: '0.1.0', ci: 'sharded' });
  assert.not.ok(files.has('.github/workflows/rivven-gitops.yml'));
  const text = files.get('.github/workflows/rivven-gitops-sharded.yml') ?? '';
  const workflow = parse(text) as { jobs: Record<string, { steps: { run?: string }[]; strategy?: { matrix: string }; needs?: string }> };
  const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).map((s) => s.run ?? '').join('\n');
  assert.match(runs('affected'), /rivven-gitops affected --against "git:\$\{ref\}" --format json/);
  assert.is(workflow.jobs['environment']?.needs, 'affected');
  assert.is(workflow.jobs['environment']?.strategy?.matrix, '${{ fromJSON(needs.affected.outputs.matrix) }}');
  assert.match(runs('environment'), /build --check --env "\$\{\{ matrix\.environment \}\}"/);
  assert.match(runs('environment'), /diff --env "\$\{ENVIRONMENT\}"/);
});

test('the default stays the one full workflow', () => {
  const files = scaffoldFleet({ project: 'shop', version: '0.1.0' });
  assert.ok(files.has('.github/workflows/rivven-gitops.yml'));
  assert.not.ok(files.has('.github/workflows/rivven-gitops-sharded.yml'));
});

test.run();
