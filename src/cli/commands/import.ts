import path from 'node:path';
import { importFiles } from '../../pipelines/import-files.js';
import { formatImportSummary } from '../import-summary.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../context.js';
import { exitCodes } from '../context.js';
import { UsageError } from '../usage-error.js';

const options = {
  env: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export const importCommand: Command = {
  summary: 'turn Rivven manifests or Helm-style values into a typed rivven.config.ts or environment file',
  help: [
    'Usage: rivven-gitops import <file|dir>... [--env NAME] [--out PATH] [--force]',
    '',
    'Reads YAML (files, or directories searched for *.yaml and *.yml): Rivven custom resources',
    '(RivvenCluster, RivvenTopic, RivvenConnect, RivvenSchemaRegistry), the manual-deployment manifests',
    'of the deployment guide (StatefulSet, Services, ConfigMap, HorizontalPodAutoscaler, Ingress,',
    'Namespace) and Helm-style values (cluster.replicas, image.*, storage.*, tls.*, auth.*, ...). Writes a',
    'typed, formatted file in the DSL\'s friendly forms; every value that is not carried over as it was',
    'gets a comment there saying why, and is listed below the summary. Nothing in the input is executed.',
    '',
    'Options:',
    '  --env NAME    write environments/NAME.ts (defineEnvironment) instead of rivven.config.ts',
    '  --out PATH    write here instead (relative to --root)',
    '  --force       overwrite the output file if it exists',
    '',
    'Exit codes: 0 imported (notes allowed), 1 errors (unreadable or unsafe YAML, nothing to import,',
    'the output file exists).',
  ].join('\n'),
  async run(argv: readonly string[], context: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (positionals.length === 0) throw new UsageError('name at least one YAML file or directory to import');
    const root = path.resolve(context.cwd, values.root ?? '.');
    const imported = await importFiles({
      inputs: positionals,
      cwd: context.cwd,
      root,
      force: values.force ?? false,
      ...(values.env === undefined ? {} : { environment: values.env }),
      ...(values.out === undefined ? {} : { out: values.out }),
    });
    context.stdout(formatImportSummary(imported.result, imported.shownOut, imported.files, context.style));
    return exitCodes.ok;
  },
};
