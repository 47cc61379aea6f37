import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { transpile } from '../../src/load/module-runner.js';

// The sandbox runs code transpiled without a source map and makes the map only when an error needs
// placing; that is right only if both transpiles give the same code.
const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const samples: Record<string, string> = {
  'rivven.config.ts': fs.readFileSync(path.join(repoDir, 'rivven.config.ts'), 'utf8'),
  'environments/prod.ts': fs.readFileSync(path.join(repoDir, 'environments', 'prod.ts'), 'utf8'),
  'environments/_helpers.ts': `import { defineEnvironment, type UserTopic } from 'rivven-gitops';
import * as shared from './_shared';
export enum Tier { Gold = 'gold', Silver = 'silver' }
export const topics = (names: readonly string[]): Record<string, UserTopic> =>
  Object.fromEntries(names.map((n, i) => [\`\${n}-\${i}\`, { partitions: i + 1 } satisfies UserTopic]));
export default defineEnvironment(({ name }) => {
  const tier: Tier = name === 'prod' ? Tier.Gold : Tier.Silver;
  return { labels: { tier, ...shared.labels }, topics: topics(['a', 'b']) } as const;
});
`,
};

test('with or without a source map, the transpiled code is the same', () => {
  for (const [file, source] of Object.entries(samples)) {
    const withMap = transpile(source, path.join(repoDir, file), true);
    const without = transpile(source, path.join(repoDir, file), false);
    assert.ok(withMap.sourceMapText !== undefined, file);
    assert.is(without.sourceMapText, undefined, file);
    assert.is(withMap.outputText.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), without.outputText, file);
  }
});

test.run();
