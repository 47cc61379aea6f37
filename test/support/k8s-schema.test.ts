import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { checkRestrictedPodSecurity, validateBuiltin } from './k8s-schema.js';

function statefulSet(container: Record<string, unknown>, extra: Record<string, unknown> = {}): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'rivven-main', namespace: 'rivven-dev', labels: { 'app.kubernetes.io/name': 'rivven' } },
    spec: {
      serviceName: 'rivven-main-headless',
      replicas: 3,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'rivven' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'rivven' } },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{ name: 'rivvend', image: 'ghcr.io/hupe1980/rivvend:0.0.22', ...container }],
        },
      },
      ...extra,
    },
  };
}

const good = {
  ports: [{ name: 'http', containerPort: 9094 }],
  readinessProbe: { httpGet: { path: '/health', port: 'http' } },
  livenessProbe: { tcpSocket: { port: 9094 } },
  resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: 2147483648 } },
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
};

test('the kubernetes-models validators alone accept unknown fields (why this validator exists)', () => {
  const obj = statefulSet({ ...good, readinessprobe: { httpGet: { path: '/health', port: 'http' } } });
  assert.not.throws(() => new StatefulSet(obj).validate());
});

test('a valid object passes, with int-or-string ports, quantities as strings or numbers and label maps', () => {
  assert.equal(validateBuiltin(statefulSet(good)), []);
});

test('a misspelled container field is reported with its path', () => {
  const problems = validateBuiltin(statefulSet({ ...good, readinessprobe: { httpGet: { path: '/health', port: 'http' } } }));
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', 'StatefulSet rivven-main: /spec/template/spec/containers/0/readinessprobe: unknown field');
});

test('unknown fields deep inside known ones are found, not only at the top', () => {
  const problems = validateBuiltin(statefulSet({ ...good, livenessProbe: { tcpSocket: { port: 9094, host: 'x', hots: 'y' } } }));
  assert.equal(problems, ['StatefulSet rivven-main: /spec/template/spec/containers/0/livenessProbe/tcpSocket/hots: unknown field: not in the schema, so the API server would prune or reject it']);
});

test('wrong types, bad quantities and bad enums are reported', () => {
  const problems = validateBuiltin(statefulSet({ ...good, resources: { requests: { cpu: 'lots' } } }, { replicas: '3', podManagementPolicy: 'Sometimes' }));
  assert.ok(problems.some((p) => p.includes('/spec/replicas: "3": must be integer')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('/spec/podManagementPolicy: "Sometimes" is not one of "OrderedReady", "Parallel"')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('/resources/requests/cpu: must match one allowed form')), problems.join('\n'));
});

test('API-server rules beyond OpenAPI: names, label values, port names', () => {
  const obj = statefulSet({ ...good, ports: [{ name: 'a-very-long-port-name', containerPort: 1 }] });
  obj.metadata = { name: 'Rivven_Main', labels: { team: 'not a valid value' } };
  const problems = validateBuiltin(obj).join('\n');
  assert.match(problems, '/metadata/name: "Rivven_Main" (11 characters) is not a DNS-1123 subdomain');
  assert.match(problems, '/metadata/labels/team: label value "not a valid value" is invalid');
  assert.match(problems, 'ports/0/name: "a-very-long-port-name" is not a valid port name');
  const service: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 1 }, { name: 'b', port: 2 }] } };
  assert.equal(validateBuiltin(service), ['Service s: /spec/ports/0/name: required when a Service has more than one port']);
});

test('third-party kinds are validated strictly too', () => {
  const cert: K8sObject = {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'c', namespace: 'n' },
    spec: { secretName: 's', issuerRef: { name: 'i' }, dnsName: ['a'] },
  };
  assert.equal(validateBuiltin(cert), ['Certificate c: /spec/dnsName: unknown field: not in the schema, so the API server would prune or reject it']);
  const monitor: K8sObject = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' }, spec: { selector: {}, endpoints: [{ port: 'http', intervall: '30s' }] } };
  assert.equal(validateBuiltin(monitor).length, 1);
  const rule: K8sObject = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r' }, spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0' }] }] } };
  assert.equal(validateBuiltin(rule), []);
});

test('free-form objects (preserve-unknown-fields) are left alone', () => {
  const app: K8sObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'a', namespace: 'argocd' },
    spec: { project: 'p', destination: { server: 'https://kubernetes.default.svc' }, source: { repoURL: 'r', helm: { valuesObject: { any: { thing: 1 } } } } },
  };
  assert.equal(validateBuiltin(app), []);
});

test('a kind without a schema is a problem, never a silent pass', () => {
  const cr: K8sObject = { apiVersion: 'rivven.hupe1980.github.io/v1alpha1', kind: 'RivvenCluster', metadata: { name: 'main' } };
  assert.equal(validateBuiltin(cr), ['RivvenCluster main: no schema for rivven.hupe1980.github.io/v1alpha1 RivvenCluster']);
  assert.match(validateBuiltin({ apiVersion: 'apps/v1', kind: 'StatefulSetSpec', metadata: { name: 'x' } })[0] ?? '', 'no schema for apps/v1 StatefulSetSpec');
});

test('restricted pod security: compliant pods pass, each violation is named', () => {
  assert.equal(checkRestrictedPodSecurity(statefulSet(good)), []);
  const bad = statefulSet({ ...good, securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } });
  const problems = checkRestrictedPodSecurity(bad).join('\n');
  assert.match(problems, 'privileged: must not be true');
  assert.match(problems, 'allowPrivilegeEscalation: must be false');
  assert.match(problems, 'capabilities/drop: must include ALL');
  assert.match(problems, 'capabilities/add: only NET_BIND_SERVICE');
  assert.equal(checkRestrictedPodSecurity({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }), []);
});

test.run();
