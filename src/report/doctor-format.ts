/**
 * `doctor --format text|json`: per environment, each prerequisite checked and every finding with its
 * code, printed like build findings: the config line that creates the need (`file:line:col` and its code
 * frame), then the live object the cluster lacks, named in the message.
 */
import type { DoctorReport } from '../live/preflight/doctor-report.js';
import { doctorPassed } from '../live/preflight/doctor-report.js';
import { formatFindingsText, type SourceReader } from './format-findings.js';
import type { Style } from './style.js';

/**
 * The version of the JSON document; bump when a field changes meaning or goes away. 2: a finding's
 * `path` is the config path (with `loc`), the live object moved to `object`.
 */
export const doctorJsonVersion = 2;

export interface DoctorReporterContext {
  readonly style: Style;
  /** Reads a project file for code frames. */
  readonly readSource: SourceReader;
}

const indent = (text: string): string => text.split('\n').map((line) => (line === '' ? line : `  ${line}`)).join('\n');

function textOf(report: DoctorReport, { style, readSource }: DoctorReporterContext): string {
  const lines: string[] = report.environments.length === 0 ? [`Cluster ${report.server} (context "${report.context}")`] : [];
  let cluster = '';
  for (const env of report.environments) {
    // Environments on different clusters: name the cluster whenever it changes.
    const header = `Cluster ${env.server} (context "${env.context}")`;
    if (header !== cluster) lines.push(...(lines.length === 0 ? [] : ['']), header);
    cluster = header;
    const p = env.prerequisites;
    const errors = env.findings.filter((f) => f.severity === 'error').length;
    const mark = errors > 0 ? style.red('✘') : style.green('✔');
    lines.push('', `${mark} ${style.bold(env.name)} (namespace ${env.namespace}): ${p.apis.length} API(s), ${p.operators.length} operator(s), ${p.secrets.length} Secret(s), ${p.storageClasses.length} StorageClass(es)${p.defaultStorageClass === undefined ? '' : ', a default StorageClass'}, ${p.issuers.length} issuer(s), ${p.secretStores.length} SecretStore(s) checked`);
    // Every finding of the environment: a cap per file would hide what is missing.
    if (env.findings.length > 0) lines.push(indent(formatFindingsText(env.findings, style, readSource, { maxPerFile: Number.POSITIVE_INFINITY })));
  }
  const missing = report.environments.reduce((n, e) => n + e.findings.filter((f) => f.severity === 'error').length, 0);
  lines.push('', doctorPassed(report) ? `${style.green('✔')} every prerequisite is in place` : `${style.red('✘')} ${missing} prerequisite(s) missing`);
  return `${lines.join('\n')}\n`;
}

function jsonOf(report: DoctorReport): string {
  return `${JSON.stringify({
    version: doctorJsonVersion,
    server: report.server,
    context: report.context,
    ok: doctorPassed(report),
    environments: report.environments.map((e) => ({
      name: e.name,
      namespace: e.namespace,
      server: e.server,
      context: e.context,
      ok: e.findings.every((f) => f.severity !== 'error'),
      prerequisites: e.prerequisites,
      findings: e.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        object: f.object,
        path: f.path,
        ...(f.loc === undefined ? {} : { loc: f.loc }),
        message: f.message,
        ...(f.hint === undefined ? {} : { hint: f.hint }),
      })),
    })),
  }, null, 2)}\n`;
}

export const doctorReporters = {
  text: (report: DoctorReport, context: DoctorReporterContext) => textOf(report, context),
  json: (report: DoctorReport, _context: DoctorReporterContext) => jsonOf(report),
} as const;
