/**
 * Hand-built loader output for tests of the pure stages: a LoadedFile whose `positions` give every
 * property and array element its own line, in writing order, as the loader would for a file that
 * writes one property per line.
 */
import type { SourceLocation } from '../../../src/errors/diagnostic.js';
import type { LoadedEnvironmentFile, LoadedFile, LoadedProject } from '../../../src/load/types.js';
import { pathKey, type PathSegment } from '../../../src/core/path.js';

export function positionsOf(file: string, value: unknown): Map<string, SourceLocation> {
  const positions = new Map<string, SourceLocation>();
  let line = 1;
  const ancestors = new Set<unknown>();
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (ancestors.has(node)) return;
    ancestors.add(node);
    const children: [PathSegment, unknown][] = Array.isArray(node)
      ? node.map((v: unknown, i) => [i, v])
      : node !== null && typeof node === 'object'
        ? Object.keys(node).map((k) => [k, Object.getOwnPropertyDescriptor(node, k)?.value])
        : [];
    for (const [segment, child] of children) {
      line += 1;
      positions.set(pathKey([...path, segment]), { file, line, column: 3 + 2 * path.length });
      walk(child, [...path, segment]);
    }
    ancestors.delete(node);
  };
  walk(value, []);
  return positions;
}

export function loadedFile(file: string, value: unknown): LoadedFile {
  return { file, value, positions: positionsOf(file, value) };
}

export function loadedEnvironment(name: string, value: unknown): LoadedEnvironmentFile {
  const file = `environments/${name}.ts`;
  return { name, file, value, positions: positionsOf(file, value) };
}

export function loadedProject(base: unknown, environments: Record<string, unknown>): LoadedProject {
  return {
    root: '/project',
    base: loadedFile('rivven.config.ts', base),
    environments: Object.keys(environments)
      .sort()
      .map((name) => loadedEnvironment(name, environments[name])),
  };
}

/** The position the helper gave `path` in `file`. */
export function positionIn(file: LoadedFile, path: readonly PathSegment[]): SourceLocation {
  const loc = file.positions.get(pathKey(path));
  if (loc === undefined) throw new Error(`no position for ${pathKey(path)} in ${file.file}`);
  return loc;
}
