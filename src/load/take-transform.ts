/**
 * `customize.transform` is a function, not configuration data: the merge refuses functions, so the
 * loader takes it out of the evaluated value and hands it on beside it, wrapped to run inside the
 * config's sandbox (timed, with frozen input) when the customize stage calls it.
 */
import { pathKey } from '../core/path.js';
import { isRecord } from '../core/json.js';
import type { CustomizeContext, TransformOutcome } from '../model/customize-types.js';
import type { LoadedFile } from './types.js';

type Wrap = (fn: (...args: never[]) => unknown) => (...args: readonly unknown[]) => TransformOutcome;

export function withTransformTakenOut(file: LoadedFile, layer: 'base' | 'environment', wrap: Wrap): LoadedFile {
  const value = file.value;
  if (!isRecord(value)) return file;
  const customize = value['customize'];
  if (!isRecord(customize) || typeof customize['transform'] !== 'function') return file;
  const run = wrap(customize['transform'] as (...args: never[]) => unknown);
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(customize)) if (key !== 'transform') rest[key] = customize[key];
  const loc = file.positions.get(pathKey(['customize', 'transform']));
  return {
    ...file,
    value: { ...value, customize: rest },
    transform: { layer, ...(loc === undefined ? {} : { loc }), run: (objects: readonly unknown[], env: CustomizeContext) => run(objects, env) },
  };
}
