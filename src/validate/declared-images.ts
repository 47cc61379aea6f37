/** Every container image a user names explicitly, with where it is written. Defaults are pinned by us. */
import type { ResolvedConfig } from '../model/types.js';
import type { PathSegment } from '../core/path.js';
import { sortedEntries } from './rules/rule.js';

export interface DeclaredImage {
  readonly path: readonly PathSegment[];
  readonly image: string;
}

export function declaredImages(config: ResolvedConfig): DeclaredImage[] {
  const out: DeclaredImage[] = [];
  const add = (path: PathSegment[], image: string | undefined) => {
    if (image !== undefined) out.push({ path, image });
  };
  add(['cluster', 'image'], config.cluster.image);
  for (const [name, p] of sortedEntries(config.connect)) add(['connect', name, 'image'], p.image);
  add(['schemaRegistry', 'image'], config.schemaRegistry?.image);
  add(['operator', 'image'], config.operator.image);
  add(['backup', 'command', 'image'], config.backup?.command?.image);
  return out;
}

/** `registry:5000/org/app:1.2@sha256:…` → its tag and digest (either may be absent). */
export function imageReference(image: string): { repository: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  return {
    repository: hasTag ? name.slice(0, colon) : name,
    ...(hasTag ? { tag: name.slice(colon + 1) } : {}),
    ...(digest === undefined ? {} : { digest }),
  };
}
