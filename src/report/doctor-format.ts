/** `doctor --format text|json`: per environment, each prerequisite checked and every finding with its code. */
import type { DoctorReport } from '../live/preflight/doctor-report.js';
import { doctorPassed } from '../live/preflight/doctor-report.js';
import type { Style } from './style.js';

/** The version of the JSON document; bump when a field changes meaning or goes away. */
export const doctorJsonVersion = 1;

function textOf(report: DoctorReport, style: Style): string {
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
    lines.push('', `${mark} ${style.bold(env.name)} (namespace ${env.namespace}): ${p.apis.length} API(s), ${p.operators.length} operator(s), ${p.secrets.length} Secret(s), ${p.storageClasses.length} StorageClass(es), ${p.issuers.length} issuer(s), ${p.secretStores.length} SecretStore(s) checked`);
    for (const f of env.findings) {
      const tag = f.severity === 'error' ? style.red(`${f.severity} ${f.code}`) : style.yellow(`${f.severity} ${f.code}`);
      lines.push(`  ${tag} ${f.path}: ${f.message}`);
      if (f.hint) lines.push(`    ${style.dim(`hint: ${f.hint}`)}`);
    }
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
      findings: e.findings.map((f) => ({ code: f.code, severity: f.severity, path: f.path, message: f.message, ...(f.hint === undefined ? {} : { hint: f.hint }) })),
    })),
  }, null, 2)}\n`;
}

export const doctorReporters = {
  text: (report: DoctorReport, style: Style) => textOf(report, style),
  json: (report: DoctorReport, _style: Style) => jsonOf(report),
} as const;
