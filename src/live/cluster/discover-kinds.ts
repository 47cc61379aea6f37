/**
 * Legacy discovery, limited to what the environment needs: `/api/v1` for core kinds, `/apis` once for
 * the served groups, then `/apis/<group>/<version>` per needed group version. It maps each kind to its
 * resource (plural, scope) and says plainly when the cluster lacks one (a CRD not installed, another
 * version served). Failures that make the whole read pointless (unreachable, TLS, 401, a broken `/apis`)
 * are thrown; the rest become a status of the kinds concerned.
 */
import { z } from 'zod';
import { RequestFailure, type ClusterClient } from './cluster-client.js';
import type { LiveCode } from './cluster-failure.js';
import type { KindRef } from './live-snapshot.js';

export interface ServedKind extends KindRef {
  readonly plural: string;
  readonly namespaced: boolean;
}

export interface KindProblem {
  readonly status: 'forbidden' | 'not-installed' | 'error';
  readonly code: LiveCode;
  readonly message: string;
}

export type KindResolution = { readonly status: 'ok'; readonly served: ServedKind } | KindProblem;

const groupListSchema = z.object({
  groups: z.array(z.object({ name: z.string(), versions: z.array(z.object({ version: z.string() })) })),
});

const resourceListSchema = z.object({
  resources: z.array(z.object({ name: z.string(), kind: z.string(), namespaced: z.boolean() })),
});

export function kindKey(k: KindRef): string {
  return `${k.group}/${k.version}/${k.kind}`;
}

export function apiPrefix(k: Pick<KindRef, 'group' | 'version'>): string {
  return k.group === '' ? `/api/${k.version}` : `/apis/${k.group}/${k.version}`;
}

function groupVersionText(k: Pick<KindRef, 'group' | 'version'>): string {
  return k.group === '' ? k.version : `${k.group}/${k.version}`;
}

/** Failures that concern one kind become its status; anything that affects every request is rethrown. */
export function kindFailure(failure: RequestFailure, what: string): KindProblem {
  switch (failure.reason) {
    case 'forbidden':
      return { status: 'forbidden', code: 'RG758', message: `Not allowed to read ${what} (${failure.detail}); its live objects are unknown.` };
    case 'not-found':
      return { status: 'not-installed', code: 'RG759', message: `The cluster does not serve ${what} (${failure.detail}).` };
    case 'server-error':
      return { status: 'error', code: 'RG760', message: `The API server failed to answer for ${what} after ${failure.attempts} attempt(s) (${failure.detail}); its live objects are unknown.` };
    case 'timeout':
      return { status: 'error', code: 'RG761', message: `Reading ${what} timed out after ${failure.attempts} attempt(s) (${failure.detail}); its live objects are unknown.` };
    case 'bad-response':
      return { status: 'error', code: 'RG763', message: `Unexpected answer while reading ${what} (${failure.detail}); its live objects are unknown.` };
    case 'secrets-refused':
      return { status: 'forbidden', code: 'RG762', message: 'Secrets are never read; their live state is unknown.' };
    default:
      throw failure;
  }
}

/** Resolves every kind; throws `RequestFailure` for failures that stop the whole read. */
export async function discoverKinds(client: ClusterClient, kinds: readonly KindRef[]): Promise<Map<string, KindResolution>> {
  const result = new Map<string, KindResolution>();
  const groupVersions = new Map<string, KindRef[]>();
  for (const k of kinds) {
    const gv = groupVersionText(k);
    groupVersions.set(gv, [...(groupVersions.get(gv) ?? []), k]);
  }
  let servedGroups: Map<string, string[]> | undefined;
  if (kinds.some((k) => k.group !== '')) {
    // Without the group list nothing can be said about any custom kind: a failure here stops the read.
    const parsed = groupListSchema.safeParse(await client.getJson('/apis'));
    if (!parsed.success) throw new RequestFailure('bad-response', '/apis', 'the answer is not an APIGroupList', 200, 1);
    servedGroups = new Map(parsed.data.groups.map((g) => [g.name, g.versions.map((v) => v.version)]));
  }

  await Promise.all(
    [...groupVersions.values()].map(async (group) => {
      const first = group[0];
      if (first === undefined) return;
      const gvText = groupVersionText(first);
      const setAll = (resolve: (k: KindRef) => KindResolution) => group.forEach((k) => result.set(kindKey(k), resolve(k)));
      if (first.group !== '') {
        const versions = servedGroups?.get(first.group);
        if (versions === undefined) {
          return setAll((k) => ({
            status: 'not-installed', code: 'RG759',
            message: `The cluster serves no API group ${first.group}, so ${k.kind} is not installed (is its CustomResourceDefinition applied?).`,
          }));
        }
        if (!versions.includes(first.version)) {
          return setAll((k) => ({
            status: 'not-installed', code: 'RG759',
            message: `The cluster serves ${first.group} at ${versions.join(', ')}, not ${first.version}, so ${k.kind} ${gvText} is not available (the installed CRD has another version).`,
          }));
        }
      }
      let list: z.infer<typeof resourceListSchema>;
      try {
        const parsed = resourceListSchema.safeParse(await client.getJson(apiPrefix(first)));
        if (!parsed.success) throw new RequestFailure('bad-response', apiPrefix(first), 'the answer is not an APIResourceList', 200, 1);
        list = parsed.data;
      } catch (failure) {
        if (!(failure instanceof RequestFailure)) throw failure;
        const resolution = kindFailure(failure, `the API ${gvText}`);
        return setAll(() => resolution);
      }
      setAll((k) => {
        // Subresources (`statefulsets/scale`) are listed too, some with the parent's kind.
        const entry = list.resources.find((r) => r.kind === k.kind && !r.name.includes('/'));
        if (!entry) {
          return { status: 'not-installed', code: 'RG759', message: `The cluster serves ${gvText} but not the kind ${k.kind} (is its CustomResourceDefinition applied?).` };
        }
        return { status: 'ok', served: { group: k.group, version: k.version, kind: k.kind, plural: entry.name, namespaced: entry.namespaced } };
      });
    }),
  );
  return result;
}
