/**
 * Argo CD at fleet scale: the cluster generator, the rules that keep the mode one per fleet, and
 * cluster-scoped objects two environments render on one cluster (RG550).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolvedEnvironment } from '../support/resolved.js';
import { renderArgoCdObjects } from '../../src/render/argocd-fleet.js';
import { findClusterScopedClashes } from '../../src/render/cluster-scoped-clashes.js';
import { checkArgocdFleetMode, checkArgocdModeSettings } from '../../src/validate/rules/argocd-fleet-mode.js';
import { k8sObject } from '../../src/render/k8s-object.js';
import { validateAll } from '../support/k8s-schema.js';
import type { UserConfig } from '../../src/model/types.js';

const clusters = {
  'prod-eu-1': { server: 'https://eu.example.com', region: 'eu', labels: { fleet: 'rivven', region: 'eu' } },
  'prod-us-1': { server: 'https://us.example.com', region: 'us', labels: { fleet: 'rivven', region: 'us' } },
};
const base = (argocd: UserConfig['argocd'], extra: Partial<UserConfig> = {}): UserConfig => ({
  clusters,
  argocd: { repoURL: 'https://git.example.com/fleet.git', ...argocd },
  ...extra,
});

test('clusters generator: one cluster generator per environment, selecting its cluster by labels, passing the schema', () => {
  const argocd = { mode: 'applicationset', applicationSet: { generator: 'clusters' } } as const;
  const eu = resolvedEnvironment(base(argocd, { kubeCluster: 'prod-eu-1', profile: 'production' }), 'prod-eu');
  const us = resolvedEnvironment(base(argocd, { kubeCluster: 'prod-us-1', profile: 'production' }), 'prod-us');
  const { argocd: objects, root } = renderArgoCdObjects({ environments: [us, eu] }, { outDir: 'out' });
  assert.equal(root, []);
  const set = objects.find((o) => o.kind === 'ApplicationSet');
  const spec = (set?.['spec'] ?? {}) as { generators: { clusters: { selector: unknown; values: Record<string, string> } }[]; template: { spec: { destination: unknown } } };
  assert.equal(spec.generators.map((g) => [g.clusters.selector, g.clusters.values['env']]), [
    [{ matchLabels: { fleet: 'rivven', region: 'eu' } }, 'prod-eu'],
    [{ matchLabels: { fleet: 'rivven', region: 'us' } }, 'prod-us'],
  ]);
  assert.equal(spec.template.spec.destination, { server: '{{ .server }}', namespace: '{{ .values.namespace }}' });
  assert.equal(JSON.parse(spec.generators[0]?.clusters.values['syncPolicy'] ?? '{}').automated, { prune: false, selfHeal: true });
  assert.equal(validateAll(objects), []);
});

test('explicit prune wins over the production default', () => {
  const env = resolvedEnvironment(base({ syncPolicy: { prune: true } }, { profile: 'production' }), 'prod');
  assert.equal(env.config.argocd.syncPolicy.prune, true);
  assert.equal(resolvedEnvironment(base({}, { profile: 'production' }), 'prod').config.argocd.syncPolicy.prune, false);
});

test('RG335: environments disagreeing on the mode; RG336: cluster generator without a labelled cluster; RG337: unused settings', () => {
  const a = resolvedEnvironment(base({ mode: 'applicationset' }), 'a');
  const b = resolvedEnvironment(base({ mode: 'app-of-apps' }), 'b');
  assert.equal(checkArgocdFleetMode({ environments: [a, b] }).map((f) => [f.code, f.path]), [['RG335', 'argocd.mode']]);
  assert.equal(checkArgocdFleetMode({ environments: [a, a] }), []);
  const undeclared = resolvedEnvironment(base({ mode: 'applicationset', applicationSet: { generator: 'clusters' } }), 'c');
  assert.equal(checkArgocdModeSettings(undeclared).map((f) => [f.code, f.path]), [['RG336', 'argocd.applicationSet.generator']]);
  const unlabelled = resolvedEnvironment(
    base({ mode: 'applicationset', applicationSet: { generator: 'clusters' } }, { clusters: { bare: { server: 'https://bare' } }, kubeCluster: 'bare' }),
    'd',
  );
  assert.equal(checkArgocdModeSettings(unlabelled).map((f) => f.code), ['RG336']);
  const unused = resolvedEnvironment(base({ applicationSet: { rollingSync: { regions: ['eu'] } } }), 'e');
  assert.equal(checkArgocdModeSettings(unused).map((f) => [f.code, f.severity]), [['RG337', 'warning']]);
});

test('RG550: a cluster-scoped object rendered by two environments on one cluster, not on two clusters', () => {
  const role = (rules: string[]) => k8sObject('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'shared-reader' }, { rules: [{ apiGroups: [''], resources: rules, verbs: ['get'] }] });
  const render = (name: string, resources: string[]) => ({ name, namespace: name, objects: [role(resources)], runbook: '' });
  const x = resolvedEnvironment(base({}, { kubeCluster: 'prod-eu-1', namespace: 'x' }), 'x');
  const y = resolvedEnvironment(base({}, { kubeCluster: 'prod-eu-1', namespace: 'y' }), 'y');
  const z = resolvedEnvironment(base({}, { kubeCluster: 'prod-us-1', namespace: 'y' }), 'z');
  const clash = findClusterScopedClashes({ environments: [x, y, z] }, [render('x', ['pods']), render('y', ['secrets']), render('z', ['secrets'])]);
  assert.equal(clash.map((f) => [f.code, f.related?.length]), [['RG550', 1], ['RG550', 1]]);
  assert.match(clash[0]?.message ?? '', /"x" renders the cluster-scoped ClusterRole "shared-reader", as do "y", on cluster 'prod-eu-1' with different content/);
  assert.equal(findClusterScopedClashes({ environments: [x, z] }, [render('x', ['pods']), render('z', ['secrets'])]), []);
});

test.run();
