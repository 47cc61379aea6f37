/**
 * The output directory a build may use: inside the project, reached through real directories only, and
 * itself not a symbolic link. A link anywhere on that path would let a build write (and, for owned files,
 * delete) outside the repository, and Argo CD, which reads the repository, would never see the result.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { visibleText as shown } from '../errors/visible-text.js';
import { emitError } from './fs-errors.js';

export interface ProjectOutDir {
  /** Absolute path of the output directory. */
  readonly absolute: string;
  /** Relative to the project root, forward slashes: what Argo CD syncs (the project is the repository root). */
  readonly relative: string;
}

/**
 * Resolves `out` (absolute, or relative to `root`) and refuses one outside the project (RG630) or one that
 * is, or lies under, a symbolic link inside the project (RG631). Missing directories are fine: the build
 * creates them. Every component is checked with lstat, so a link is seen even when it points back inside.
 */
export function resolveProjectOutDir(root: string, out: string): ProjectOutDir {
  const projectRoot = path.resolve(root);
  const absolute = path.resolve(projectRoot, out);
  const relative = path.relative(projectRoot, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    const why = relative === '' ? 'it is the project root itself, which holds the configuration' : 'Argo CD syncs this repository, and a build never writes outside it';
    throw emitError('RG630', shown(absolute), `The output directory ${shown(absolute)} is outside the project ${shown(projectRoot)}: ${why}. Nothing was written.`);
  }
  const parts = relative.split(path.sep);
  let current = projectRoot;
  for (const [index, part] of parts.entries()) {
    current = path.join(current, part);
    const stats = lstatSync(current, { throwIfNoEntry: false });
    if (stats === undefined) break;
    if (stats.isSymbolicLink()) {
      const what = index === parts.length - 1 ? `The output directory ${shown(current)} is a symbolic link` : `The output directory ${shown(absolute)} lies under the symbolic link ${shown(current)}`;
      throw emitError('RG631', shown(current), `${what}: a build would write wherever the link points, possibly outside the project. Nothing was written.`);
    }
  }
  return { absolute, relative: parts.join('/') };
}
