/**
 * docs/rivven-0.0.22.md, generated from the fact table (a test keeps the committed file in step).
 * Pure: the same table gives the same bytes.
 */
import { formatCitations, upstream } from './citation.js';
import { featureFacts, type Verdict } from './features.js';
import { guideFacts } from './guide-facts.js';
import { operatorDefects, operatorWorkarounds } from './operator-defects.js';
import { operatorViews } from './operator-view.js';
import { helperEnv, rivvendAuthSettings, rivvendEnv, rivvendHealth, rivvendListeners, rivvenCli, rivvenImages } from './rivvend.js';
import { topicCreation, topicSettingFacts } from './topic-settings.js';

const verdictText: Readonly<Record<Verdict, string>> = {
  works: 'works',
  workaround: 'works with a workaround',
  'does-not-work': 'does not work',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

export function renderRivvenFactsDoc(): string {
  const parts: string[] = [];
  parts.push(
    `# What works on Rivven ${upstream.version}`,
    `Generated from rivven-gitops' fact table (\`src/facts/\`); do not edit by hand. Upstream: ${upstream.repository} at ${upstream.commit} (tag ${upstream.tag}). ` +
      'Citations are `file:lines` in that tree; "predicted" means derived from library semantics and not executed, "later-commit" means read in a later commit than the tag.',
  );
  parts.push(
    '## Features',
    table(
      ['feature', 'target manifests', 'target operator', 'what happens', 'codes', 'citations'],
      featureFacts.map((f) => [f.feature, verdictText[f.manifests], verdictText[f.operator], f.note, f.codes.join(', '), formatCitations(f.cite)]),
    ),
  );
  parts.push(
    '## rivvend listeners',
    table(
      ['listener', 'port', 'bind variable', 'protocols', 'serves', 'with RIVVEN_TLS_ENABLED=true', 'citations'],
      Object.entries(rivvendListeners).map(([name, l]) => [
        name,
        String(l.port),
        l.bindEnv,
        l.protocols.join(', '),
        l.serves,
        l.tlsWhenEnabled === 'served' ? 'serves TLS' : l.tlsWhenEnabled === 'compiled-out' ? 'stays plaintext (release build lacks the `tls` feature)' : 'broker-to-broker only',
        formatCitations(l.cite),
      ]),
    ),
    `Health: \`GET ${rivvendHealth.path}\` on the ${rivvendHealth.listener} listener, ${rivvendHealth.meaning} (${formatCitations(rivvendHealth.cite)}).`,
  );
  parts.push(
    '## rivvend variables',
    `rivvend has no config file: it reads flags or these variables. rivven-gitops also sets ${helperEnv.map((e) => `\`${e}\``).join(', ')} (from the downward API) for \`$(…)\` expansion.`,
    table(
      ['variable', 'default', 'meaning', 'citations'],
      Object.entries(rivvendEnv).map(([name, e]) => [`\`${name}\``, e.default ?? '', e.note, formatCitations(e.cite)]),
    ),
  );
  parts.push(
    '## Client authentication settings',
    'What rivvend 0.0.22 does with each client-auth setting of the config (RG427, RG429, RG430).',
    table(
      ['setting', 'read', 'fact', 'citations'],
      Object.entries(rivvendAuthSettings).map(([name, f]) => [name, f.read ? 'yes' : 'no', f.fact, formatCitations(f.cite)]),
    ),
  );
  parts.push(
    '## Images and the CLI',
    `Published: ${rivvenImages.repositories.map((r) => `\`${r}\``).join(', ')} (not \`${rivvenImages.missing}\`). Each is FROM scratch with one binary at \`${rivvenImages.binary}\`, user ${rivvenImages.user}:${rivvenImages.group}, no shell, no \`rivven\` CLI (${formatCitations(rivvenImages.cite)}).`,
    `The CLI: \`${rivvenCli.topicCreate}\`; it has no credentials or TLS options, and sends only a name and a partition count (${formatCitations(rivvenCli.cite)}).`,
  );
  parts.push(
    '## Topic settings',
    `${topicCreation.autoCreate.summary} (${formatCitations(topicCreation.autoCreate.cite)}). ${topicCreation.cliJob.summary} (${formatCitations(topicCreation.cliJob.cite)}).`,
    table(
      ['setting', 'target manifests', 'target operator', 'citations'],
      Object.entries(topicSettingFacts).map(([name, t]) => [
        name,
        t.manifests === 'broker-wide' ? `broker-wide only (\`${t.brokerEnv ?? ''}\`)` : t.manifests === 'never' ? 'not applied' : 'at creation',
        t.operator === 'never' ? 'not applied' : 'at creation only',
        formatCitations(t.cite),
      ]),
    ),
  );
  parts.push(
    '## Operator defects (target operator)',
    'Each is an error under target "operator", a warning when `operator.patchedImage` (defects fixed by the image) or `operator.crds.schema: "patched"` (defects fixed by the CRDs) is declared.',
    table(
      ['code', 'defect', 'fixed by', 'what happens', 'citations'],
      operatorDefects.map((d) => [d.code, d.title, d.fixedBy === 'image' ? 'a patched operator image' : d.fixedBy === 'crds' ? 'patched CRD schemas' : 'either', d.effect, formatCitations(d.cite)]),
    ),
    '### Rendered workarounds',
    table(
      ['workaround', 'what rivven-gitops renders', 'survives CRD schemas', 'citations'],
      operatorWorkarounds.map((w) => [w.title, w.rendered, w.survives.join(', '), formatCitations(w.cite)]),
    ),
  );
  parts.push('## What the operator deserializes');
  for (const view of operatorViews) {
    parts.push(
      `### ${view.kind}`,
      `${formatCitations(view.cite)}`,
      table(
        ['spec field', 'type', 'default', 'kept by CRD schemas', 'note'],
        Object.entries(view.spec).map(([path, f]) => [`\`${path}\``, f.type, f.default ?? '', f.survives.join(', '), f.note ?? '']),
      ),
    );
  }
  parts.push(
    '## The deployment guide vs the release',
    table(
      ['code', 'title', 'what to do', 'citations'],
      Object.entries(guideFacts).map(([code, g]) => [code, g.title, g.hint, formatCitations(g.cite)]),
    ),
  );
  return `${parts.join('\n\n')}\n`;
}
