// The cdk8s comparison as a cdk8s user runs it: the TypeScript app of the cdk8s template (`cdk8s init
// typescript-app`: main.ts, this tsconfig, cdk8s.yaml with `app: npx ts-node main.ts`), run by `cdk8s synth`
// (or by ts-node directly), with ts-node's type-check on. It declares the floor's objects for a benchmark
// case (bench/floor.mjs, the objects the compiler renders): one Chart per environment and one for Argo CD;
// built-in kinds through the typed cdk8s L1 constructs (`k8s.Kube*`, the classes `cdk8s import k8s`
// generates, here the compiled ones cdk8s-plus-32 ships, since that import needs the network), custom
// resources through the classes `cdk8s import` generated into imports/ from the CRD files cdk8s.yaml lists
// (bench/cdk8s-crds.mjs writes them; `cdk8s import` in this folder generates imports/, once, before
// measuring). `app.synth()` writes one YAML file per chart into $CDK8S_OUTDIR (set by `cdk8s synth`).
// bench/run.mjs checks the objects against the floor.
//
//   cd bench/cdk8s-ts && BENCH_CASE=3x200 ../node_modules/.bin/cdk8s synth --output /tmp/cdk8s-ts
//   cd bench/cdk8s-ts && BENCH_CASE=3x200 CDK8S_OUTDIR=/tmp/cdk8s-ts node ../node_modules/ts-node/dist/bin.js main.ts
import { ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import * as argocd from './imports/argoproj.io';
import * as certManager from './imports/cert-manager.io';
import * as monitoring from './imports/monitoring.coreos.com';
import * as rivven from './imports/rivven.hupe1980.github.io';

/** An object of the floor, as its plain JavaScript builds it. */
interface FloorObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}
interface Fleet {
  environments: { name: string; objects: FloorObject[] }[];
  argocd: FloorObject[];
}
interface FloorModule {
  buildFleet(spec: unknown): Fleet;
}
interface GenerateModule {
  fleetSpec(c: unknown): unknown;
  parseCase(name: string): unknown;
}

// The floor's data is plain JavaScript in ES modules; this app is CommonJS like the template's, so it
// requires them (Node 20 loads an ES module by require when it has no top-level await).
const floor = require('../floor.mjs') as FloorModule;
const generate = require('../generate.mjs') as GenerateModule;

/** Fields whose L1 type is IntOrString (the L1 writes `.value`, so a plain number would be dropped). */
const intOrStringFields = new Set(['port', 'targetPort', 'maxSurge', 'maxUnavailable', 'minAvailable']);
/** Maps whose values are L1 Quantity. */
const quantityMaps = new Set(['limits', 'requests', 'capacity']);

/**
 * The floor's plain object as L1 props: Kubernetes JSON is camelCase already, so only the IntOrString and
 * Quantity fields need their wrapper classes.
 */
function toProps(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => toProps(item));
  if (intOrStringFields.has(key) && (typeof value === 'number' || typeof value === 'string')) {
    return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value);
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const props: Record<string, unknown> = {};
  for (const field of Object.keys(record)) {
    const inner = record[field];
    if (quantityMaps.has(field) && inner !== null && typeof inner === 'object') {
      const quantities: Record<string, k8s.Quantity> = {};
      const amounts = inner as Record<string, string | number>;
      for (const name of Object.keys(amounts)) {
        const amount = amounts[name];
        quantities[name] = typeof amount === 'number' ? k8s.Quantity.fromNumber(amount) : k8s.Quantity.fromString(amount);
      }
      props[field] = quantities;
    } else {
      props[field] = toProps(inner, field);
    }
  }
  return props;
}

type Declare = (scope: Construct, id: string, props: unknown) => ApiObject;

/** The typed L1 construct of each built-in kind the floor builds, by apiVersion and kind. */
const builtInKinds: Record<string, Declare> = {
  'v1/Namespace': (scope, id, props) => new k8s.KubeNamespace(scope, id, props as k8s.KubeNamespaceProps),
  'v1/ServiceAccount': (scope, id, props) => new k8s.KubeServiceAccount(scope, id, props as k8s.KubeServiceAccountProps),
  'v1/ConfigMap': (scope, id, props) => new k8s.KubeConfigMap(scope, id, props as k8s.KubeConfigMapProps),
  'v1/Service': (scope, id, props) => new k8s.KubeService(scope, id, props as k8s.KubeServiceProps),
  'apps/v1/Deployment': (scope, id, props) => new k8s.KubeDeployment(scope, id, props as k8s.KubeDeploymentProps),
  'apps/v1/StatefulSet': (scope, id, props) => new k8s.KubeStatefulSet(scope, id, props as k8s.KubeStatefulSetProps),
  'batch/v1/CronJob': (scope, id, props) => new k8s.KubeCronJob(scope, id, props as k8s.KubeCronJobProps),
  'rbac.authorization.k8s.io/v1/Role': (scope, id, props) => new k8s.KubeRole(scope, id, props as k8s.KubeRoleProps),
  'rbac.authorization.k8s.io/v1/RoleBinding': (scope, id, props) => new k8s.KubeRoleBinding(scope, id, props as k8s.KubeRoleBindingProps),
  'networking.k8s.io/v1/NetworkPolicy': (scope, id, props) => new k8s.KubeNetworkPolicy(scope, id, props as k8s.KubeNetworkPolicyProps),
  'policy/v1/PodDisruptionBudget': (scope, id, props) => new k8s.KubePodDisruptionBudget(scope, id, props as k8s.KubePodDisruptionBudgetProps),
};

/** The generated union class of an int-or-string field of a CRD (`cdk8s import` writes one per field). */
interface IntOrStringClass {
  fromNumber(value: number): unknown;
  fromString(value: string): unknown;
}
/** An imported custom resource kind: its generated construct, and its int-or-string fields by name. */
interface CustomKind {
  declare: Declare;
  intOrString: Record<string, IntOrStringClass>;
}

/** The imported construct of each custom resource kind the floor builds, by apiVersion and kind. */
const customKinds: Record<string, CustomKind> = {
  'rivven.hupe1980.github.io/v1alpha1/RivvenCluster': {
    declare: (scope, id, props) => new rivven.RivvenCluster(scope, id, props as rivven.RivvenClusterProps),
    intOrString: { minAvailable: rivven.RivvenClusterSpecPdbMinAvailable, maxUnavailable: rivven.RivvenClusterSpecPdbMaxUnavailable },
  },
  'rivven.hupe1980.github.io/v1alpha1/RivvenTopic': {
    declare: (scope, id, props) => new rivven.RivvenTopic(scope, id, props as rivven.RivvenTopicProps),
    intOrString: {},
  },
  'rivven.hupe1980.github.io/v1alpha1/RivvenSchemaRegistry': {
    declare: (scope, id, props) => new rivven.RivvenSchemaRegistry(scope, id, props as rivven.RivvenSchemaRegistryProps),
    intOrString: {
      minAvailable: rivven.RivvenSchemaRegistrySpecPodDisruptionBudgetMinAvailable,
      maxUnavailable: rivven.RivvenSchemaRegistrySpecPodDisruptionBudgetMaxUnavailable,
    },
  },
  'rivven.hupe1980.github.io/v1alpha1/RivvenConnect': {
    declare: (scope, id, props) => new rivven.RivvenConnect(scope, id, props as rivven.RivvenConnectProps),
    intOrString: {},
  },
  'monitoring.coreos.com/v1/ServiceMonitor': {
    declare: (scope, id, props) => new monitoring.ServiceMonitor(scope, id, props as monitoring.ServiceMonitorProps),
    intOrString: { targetPort: monitoring.ServiceMonitorSpecEndpointsTargetPort },
  },
  'monitoring.coreos.com/v1/PodMonitor': {
    declare: (scope, id, props) => new monitoring.PodMonitor(scope, id, props as monitoring.PodMonitorProps),
    intOrString: { targetPort: monitoring.PodMonitorSpecPodMetricsEndpointsTargetPort },
  },
  'monitoring.coreos.com/v1/PrometheusRule': {
    declare: (scope, id, props) => new monitoring.PrometheusRule(scope, id, props as monitoring.PrometheusRuleProps),
    intOrString: { expr: monitoring.PrometheusRuleSpecGroupsRulesExpr },
  },
  'cert-manager.io/v1/Certificate': {
    declare: (scope, id, props) => new certManager.Certificate(scope, id, props as certManager.CertificateProps),
    intOrString: {},
  },
  'argoproj.io/v1alpha1/Application': {
    declare: (scope, id, props) => new argocd.Application(scope, id, props as argocd.ApplicationProps),
    intOrString: {},
  },
  'argoproj.io/v1alpha1/AppProject': {
    declare: (scope, id, props) => new argocd.AppProject(scope, id, props as argocd.AppProjectProps),
    intOrString: {},
  },
};

/**
 * Field names `cdk8s import` renames in the props it generates (its toJson writes the CRD's name back):
 * it camel-cases every schema property, so `repoURL` is the prop `repoUrl`.
 */
const importedNames: Record<string, string> = { repoURL: 'repoUrl', isCA: 'isCa', keyID: 'keyId', partial_response_strategy: 'partialResponseStrategy' };

/** The floor's plain object as the props of an imported kind: renamed fields, int-or-string fields in their union classes. */
function toCustomProps(value: unknown, kind: CustomKind, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => toCustomProps(item, kind));
  const union = kind.intOrString[key];
  if (union !== undefined && (typeof value === 'number' || typeof value === 'string')) {
    return typeof value === 'number' ? union.fromNumber(value) : union.fromString(value);
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const props: Record<string, unknown> = {};
  for (const field of Object.keys(record)) {
    // metadata is cdk8s's ApiObjectMetadata, passed as it is; its label and annotation keys are map keys.
    props[importedNames[field] ?? field] = field === 'metadata' && key === '' ? record[field] : toCustomProps(record[field], kind, field);
  }
  return props;
}

/** One object into a chart: its typed L1 construct or imported construct; an ApiObject for a kind neither knows. */
function declareObject(chart: Chart, object: FloorObject): ApiObject {
  const { apiVersion, kind, ...fields } = object;
  // A construct id is unique among its siblings; kind and name are unique within one chart.
  const id = `${kind}-${object.metadata.name}`;
  const typed = builtInKinds[`${apiVersion}/${kind}`];
  if (typed !== undefined) return typed(chart, id, toProps(fields));
  const custom = customKinds[`${apiVersion}/${kind}`];
  if (custom !== undefined) return custom.declare(chart, id, toCustomProps(fields, custom));
  return new ApiObject(chart, id, { apiVersion, kind, ...fields });
}

/** The app: a chart per environment, named after it, and `argocd`. */
function defineApp(fleet: Fleet): App {
  const app = new App();
  const addChart = (id: string, objects: FloorObject[]): void => {
    const chart = new Chart(app, id);
    for (const object of objects) declareObject(chart, object);
  };
  for (const env of fleet.environments) addChart(env.name, env.objects);
  addChart('argocd', fleet.argocd);
  return app;
}

const caseName = process.env.BENCH_CASE;
if (caseName === undefined || process.env.CDK8S_OUTDIR === undefined) throw new Error('set BENCH_CASE (e.g. 3x200) and CDK8S_OUTDIR');
defineApp(floor.buildFleet(generate.fleetSpec(generate.parseCase(caseName)))).synth();
