/**
 * Reads the SealedSecret files `secrets.sealed` names, the way `customize.objectFiles` are read: the
 * patterns come from config files, so a path leaving the project or a symbolic link out of it is refused
 * without reading it (RG356, RG357). A sealed file holds only `bitnami.com/v1alpha1` SealedSecrets: a plain
 * Secret there is a secret value in Git (RG361), anything else is RG360, each at its file:line:col. No
 * message quotes a value of the file beyond its apiVersion, kind and name.
 */
import fs from 'node:fs';
import { finding } from '../errors/catalog.js';
import type { Finding, SourceLocation } from '../errors/diagnostic.js';
import { pathKey } from '../core/path.js';
import { isRecord } from '../core/json.js';
import type { LoadedObjectDocument, LoadedObjectFile } from '../model/customize-types.js';
import type { LoadedFile } from './types.js';
import { readPattern, type PatternSource } from './read-object-files.js';

export const sealedSecretApiVersion = 'bitnami.com/v1alpha1';

const sealedSource: PatternSource = { configPath: 'secrets.sealed', codes: { outside: 'RG356', link: 'RG357', noMatch: 'RG358', unreadable: 'RG358' } };

export interface SealedFilesResult {
  /** By the pattern as written; only files whose every document is a SealedSecret. */
  readonly files: ReadonlyMap<string, readonly LoadedObjectFile[]>;
  readonly findings: readonly Finding[];
}

/** The patterns of `secrets.sealed` of each loaded file, read once each. */
export function readSealedFiles(root: string, loaded: readonly LoadedFile[]): SealedFilesResult {
  const files = new Map<string, LoadedObjectFile[]>();
  const findings: Finding[] = [];
  let realRoot: string | undefined;
  for (const file of loaded) {
    const secrets = isRecord(file.value) ? file.value['secrets'] : undefined;
    const patterns = isRecord(secrets) ? secrets['sealed'] : undefined;
    if (!Array.isArray(patterns)) continue;
    realRoot ??= fs.realpathSync(root);
    const base = realRoot;
    patterns.forEach((pattern: unknown, index) => {
      if (typeof pattern !== 'string' || files.has(pattern)) return;
      const loc = file.positions.get(pathKey(['secrets', 'sealed', index]));
      const read: Finding[] = [];
      const matched = readPattern(base, pattern, loc, read, sealedSource);
      // The YAML reader's syntax errors carry the object-file code; in a sealed file they are RG359.
      findings.push(...read.map((f) => (f.code === 'RG378' ? finding('RG359', { path: f.path ?? 'secrets.sealed', message: f.message, ...(f.loc === undefined ? {} : { loc: f.loc }) }) : f)));
      if (matched === undefined) return;
      const checked = matched.filter((m) => {
        const problems = m.documents.flatMap((doc, i) => checkSealedDocument(m.file, doc, i + 1));
        findings.push(...problems);
        return problems.length === 0;
      });
      files.set(pattern, checked);
    });
  }
  return { files, findings };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** RG360/RG361 for a document that is not a SealedSecret rivven-gitops can emit; none for one that is. */
function checkSealedDocument(file: string, doc: LoadedObjectDocument, n: number): Finding[] {
  const at = (...pointers: string[]): { loc?: SourceLocation } => {
    for (const p of [...pointers, '']) {
      const loc = doc.positions.get(p);
      if (loc !== undefined) return { loc };
    }
    return {};
  };
  const value = doc.value;
  if (!isRecord(value)) {
    return [finding('RG360', { path: file, message: `${file}: document ${n} is not an object, so not a ${sealedSecretApiVersion} SealedSecret.`, ...at() })];
  }
  const apiVersion = text(value['apiVersion']);
  const kind = text(value['kind']);
  const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
  const name = text(metadata['name']);
  const named = name === undefined ? '' : ` "${name}"`;
  if (kind === 'Secret') {
    const fields = ['data', 'stringData'].filter((k) => isRecord(value[k]) && Object.keys(value[k]).length > 0);
    // Only the field names are said: the values are what must not be repeated anywhere.
    const holding = fields.length > 0 ? ` holding ${fields.join(' and ')} (${fields.map((k) => Object.keys(value[k] as object).length).reduce((a, b) => a + b, 0)} keys)` : '';
    return [
      finding('RG361', {
        path: file,
        message: `${file}: document ${n} is a plain Secret${named}${holding}: whoever can read the repository can read its values. A sealed file holds only SealedSecrets; nothing of this document is emitted or printed.`,
        ...at('/data', '/stringData', '/kind'),
      }),
    ];
  }
  if (apiVersion !== sealedSecretApiVersion || kind !== 'SealedSecret') {
    const what = `${apiVersion ?? '(no apiVersion)'} ${kind ?? '(no kind)'}`;
    return [finding('RG360', { path: file, message: `${file}: document ${n} is ${what}${named}, not a ${sealedSecretApiVersion} SealedSecret.`, ...at(kind === 'SealedSecret' ? '/apiVersion' : '/kind') })];
  }
  if (name === undefined) {
    return [finding('RG360', { path: file, message: `${file}: document ${n} is a SealedSecret without metadata.name: the controller names the Secret after it.`, ...at('/metadata') })];
  }
  // Checked here, by type only, so that no later message (the schema check quotes values) repeats ciphertext.
  const spec = isRecord(value['spec']) ? value['spec'] : undefined;
  const template = spec !== undefined && isRecord(spec['template']) ? spec['template'] : {};
  const maps: [string, unknown][] = [['encryptedData', spec?.['encryptedData']], ['template/data', template['data'] ?? {}]];
  if (spec !== undefined && spec['data'] !== undefined && typeof spec['data'] !== 'string') {
    return [finding('RG360', { path: file, message: `${file}: SealedSecret${named} (document ${n}): spec.data (the deprecated whole-Secret ciphertext) is not a string.`, ...at('/spec/data', '/spec') })];
  }
  for (const [field, map] of maps) {
    const bad = isRecord(map) ? Object.keys(map).find((k) => typeof map[k] !== 'string') : '';
    if (bad === undefined) continue;
    const where = bad === '' ? `spec.${field.replace('/', '.')} is not a map` : `spec.${field.replace('/', '.')}["${bad}"] is not a string`;
    return [finding('RG360', { path: file, message: `${file}: SealedSecret${named} (document ${n}): ${where}; a SealedSecret holds one ciphertext string per key (re-create it with kubeseal).`, ...at(pathKey(['spec', ...field.split('/'), ...(bad === '' ? [] : [bad])]), pathKey(['spec', ...field.split('/')]), '/spec') })];
  }
  return [];
}
