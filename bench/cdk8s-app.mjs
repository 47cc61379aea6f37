// The cdk8s comparison in plain JavaScript: the floor's objects for a benchmark case (bench/floor.mjs, the
// same objects the compiler renders) declared as a cdk8s app and written by `app.synth()`. One Chart per
// environment and one for Argo CD, every object a plain `ApiObject`; no TypeScript, no typed constructs, so
// this is about the floor plus cdk8s's own work. What a cdk8s user runs, `cdk8s synth` of a TypeScript app
// with typed constructs, is bench/cdk8s-ts/main.ts (bench/cdk8s-variants.mjs); this row is shown beside it.
// cdk8s writes one YAML file per chart (its default output type, FILE_PER_CHART):
// `<out-dir>/<chart>.k8s.yaml`, the chart named after the environment, and `argocd.k8s.yaml`.
// bench/run.mjs checks that the objects written are the floor's (its floor-check step).
//
// cdk8s is installed only under bench/node_modules (`npm --prefix bench ci`), never for the project.
//
//   node bench/cdk8s-app.mjs <case> <out-dir>      e.g. node bench/cdk8s-app.mjs 3x200 /tmp/cdk8s-3x200
import { ApiObject, App, Chart } from 'cdk8s';
import { buildFleet } from './floor.mjs';
import { fleetSpec, parseCase } from './generate.mjs';

/** The chart (file) name of Argo CD's objects; environment charts are named after the environment. */
export const argocdChart = 'argocd';

/** A cdk8s app holding the fleet: a chart per environment and one for Argo CD. */
function defineApp(fleet, outdir) {
  const app = new App({ outdir });
  const addChart = (id, objects) => {
    const chart = new Chart(app, id);
    // A construct id is unique among its siblings; kind and name are unique within one chart.
    for (const { apiVersion, kind, metadata, ...rest } of objects) new ApiObject(chart, `${kind}-${metadata.name}`, { apiVersion, kind, metadata, ...rest });
  };
  for (const env of fleet.environments) addChart(env.name, env.objects);
  addChart(argocdChart, fleet.argocd);
  return app;
}

const [caseName, outDir] = process.argv.slice(2);
if (caseName === undefined || outDir === undefined) throw new Error('usage: node bench/cdk8s-app.mjs <case> <out-dir>');
defineApp(buildFleet(fleetSpec(parseCase(caseName))), outDir).synth();
