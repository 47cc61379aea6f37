/**
 * Reads the CRDs a project supplies for a patched operator (`crdSchemas` in rivven.config.ts or
 * `--crds`) into a schema pack. The path comes from a config file, so it is treated as hostile: it must
 * be relative, stay inside the project, and neither the directory nor any file in it may be a symbolic
 * link (a link could point anywhere on the machine). Errors are RG211 findings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { finding } from '../errors/catalog.js';
import { UserError, type SourceLocation } from '../errors/diagnostic.js';
import { CrdShapeError, normalizeCrds } from '../schema-pack/normalize-crd.js';
import type { SchemaPack } from '../schema-pack/types.js';

function refuse(dir: string, message: string, loc: SourceLocation | undefined): never {
  throw new UserError([finding('RG211', { path: 'crdSchemas', message: `crdSchemas '${dir}': ${message}`, ...(loc === undefined ? {} : { loc }) })]);
}

/** The pack of the CRDs in `dir` (relative to `root`); `loc` is where the config named it. */
export function readCrdDirectory(root: string, dir: string, loc?: SourceLocation): SchemaPack {
  if (dir === '' || path.isAbsolute(dir) || dir.includes('\0')) refuse(dir, 'must be a relative path inside the project', loc);
  const realRoot = fs.realpathSync(root);
  const target = path.resolve(realRoot, dir);
  const relative = path.relative(realRoot, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) refuse(dir, 'must name a directory inside the project', loc);
  // Every component on the way must be a real directory, not a link out of the project.
  let here = realRoot;
  for (const part of relative.split(path.sep)) {
    here = path.join(here, part);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(here);
    } catch {
      refuse(dir, `${path.relative(realRoot, here)} does not exist`, loc);
    }
    if (stat.isSymbolicLink()) refuse(dir, `${path.relative(realRoot, here)} is a symbolic link; give the real directory`, loc);
    if (!stat.isDirectory()) refuse(dir, `${path.relative(realRoot, here)} is not a directory`, loc);
  }
  const files = fs.readdirSync(target).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) refuse(dir, 'holds no .yaml files', loc);
  const documents: { file: string; value: unknown }[] = [];
  for (const file of files) {
    const full = path.join(target, file);
    const stat = fs.lstatSync(full);
    if (stat.isSymbolicLink() || !stat.isFile()) refuse(dir, `${file} is not a regular file (symbolic links are not followed)`, loc);
    for (const doc of parseAllDocuments(fs.readFileSync(full, 'utf8'))) {
      if (doc.errors.length > 0) refuse(dir, `${file}: ${doc.errors[0]?.message ?? 'invalid YAML'}`, loc);
      documents.push({ file, value: doc.toJS() });
    }
  }
  let crds: SchemaPack['crds'];
  try {
    crds = normalizeCrds(documents);
  } catch (error) {
    if (error instanceof CrdShapeError) refuse(dir, error.message, loc);
    throw error;
  }
  if (Object.keys(crds).length === 0) refuse(dir, 'holds no CustomResourceDefinition', loc);
  const shown = relative.split(path.sep).join('/');
  return { rivvenVersions: [], source: 'user-directory', origin: { repository: shown, files: files.map((f) => `${shown}/${f}`) }, crds };
}
