/**
 * A local Kubernetes API server for tests: HTTPS on 127.0.0.1 (random port) with a CA and server
 * certificate made at start with `openssl`, bearer-token auth, legacy discovery (`/api`, `/apis`,
 * APIResourceLists), list and get of seeded objects, and error injection per path (status, delay, count).
 * It speaks the protocol well enough for `@kubernetes/client-node` and the real `kubectl`
 * (test/live/fake-apiserver.test.ts proves it), because both send tokens only over verified TLS.
 *
 * Faithful details a diff depends on: list items of built-in kinds carry no `kind`/`apiVersion` (custom
 * resources keep theirs), lists carry `metadata.resourceVersion`, errors are `Status` objects, every
 * namespace also holds `kube-root-ca.crt` and the `default` ServiceAccount, and `default/kubernetes` exists.
 * The server is read-only: anything but GET gets 405, and every request is recorded.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { liveFromApplied, type ApplyOptions } from './fake-apiserver-apply.js';
import { defaultResources, kubernetesService, namespaceObjects, withServerMetadata, type FakeResource } from './fake-apiserver-objects.js';

export type { FakeResource } from './fake-apiserver-objects.js';
export type { ApplyOptions } from './fake-apiserver-apply.js';
export { liveFromApplied } from './fake-apiserver-apply.js';

const run = promisify(execFile);

export interface Injection {
  /** Exact request path (`/api/v1/namespaces/x/services`) or a pattern tested against it. */
  readonly path: string | RegExp;
  /** Answer with this status (a `Status` body) instead of the real response. Omit to only delay. */
  readonly status?: number;
  /** Wait this long before answering (a "slow" or, when longer than the client's timeout, a hung server). */
  readonly delayMs?: number;
  /** How many matching requests it affects; unlimited when omitted. */
  readonly times?: number;
  /** Status message; a realistic one is made up when omitted. */
  readonly message?: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly accept: string;
  /** The bearer token sent, so tests can check which credential was used. */
  readonly token: string | undefined;
}

/** A kubeconfig user: a static token, an exec credential plugin, or basic auth. */
export interface FakeUser {
  readonly token?: string;
  readonly exec?: {
    readonly command: string;
    readonly args?: readonly string[];
    readonly env?: readonly { name: string; value: string }[];
    readonly apiVersion?: string;
    readonly interactiveMode?: 'Never' | 'IfAvailable' | 'Always';
  };
  readonly username?: string;
  readonly password?: string;
}

export interface KubeconfigOptions {
  /** Context name → user; each context points at this server (or `server`). Default: `{ fake: { token } }`. */
  readonly contexts?: Readonly<Record<string, FakeUser>>;
  readonly currentContext?: string;
  /** `none` leaves the CA out, so TLS verification fails like a cluster whose CA you do not have. */
  readonly ca?: 'trusted' | 'none';
  /** Another server URL (e.g. a closed port, to test an unreachable cluster). */
  readonly server?: string;
  readonly fileName?: string;
}

export interface FakeApiServerOptions {
  /** Bearer tokens the server accepts. Default `['test-token']`. */
  readonly tokens?: readonly string[];
  readonly objects?: readonly K8sObject[];
  /** The discovery table; default: built-in kinds plus the Rivven, Prometheus, cert-manager and Argo CD CRDs. */
  readonly resources?: readonly FakeResource[];
}

export interface FakeApiServer {
  readonly url: string;
  readonly port: number;
  readonly caPem: string;
  /** Temporary directory holding the certificates and written kubeconfigs; removed by close(). */
  readonly dir: string;
  readonly requests: RecordedRequest[];
  inject(injection: Injection): void;
  clearInjections(): void;
  /** Stores objects as the server would return them (server metadata added where missing). */
  seed(...objects: K8sObject[]): void;
  /** Stores rendered objects as they would be live after `kubectl apply` / an Argo CD sync (see fake-apiserver-apply.ts). */
  apply(objects: readonly K8sObject[], options?: ApplyOptions): void;
  writeKubeconfig(options?: KubeconfigOptions): string;
  close(): Promise<void>;
}

export const defaultToken = 'test-token';

const fixtureDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/live');

export function isK8sObject(value: unknown): value is K8sObject {
  if (value === null || typeof value !== 'object' || !('metadata' in value) || !('kind' in value) || !('apiVersion' in value)) return false;
  const { metadata } = value;
  return typeof value.kind === 'string' && typeof value.apiVersion === 'string' && metadata !== null && typeof metadata === 'object' && 'name' in metadata && typeof metadata.name === 'string';
}

/** The objects of `test/fixtures/live/<name>.yaml` (a multi-document YAML file of live objects). */
export function readLiveFixture(name: string): K8sObject[] {
  const text = readFileSync(path.join(fixtureDirectory, `${name}.yaml`), 'utf8');
  return parseAllDocuments(text).map((doc, index) => {
    const value: unknown = doc.toJS();
    if (!isK8sObject(value)) throw new Error(`${name}.yaml document ${index + 1} is not a Kubernetes object`);
    return value;
  });
}

interface Route {
  readonly resource: FakeResource;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
}

const reasons: Record<number, string> = {
  401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 429: 'TooManyRequests',
  500: 'InternalError', 502: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
};

function statusBody(code: number, message: string, details?: Record<string, string>): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: reasons[code] ?? 'Unknown', ...(details ? { details } : {}), code };
}

function groupVersion(r: Pick<FakeResource, 'group' | 'version'>): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/** Makes a CA and a server certificate for IP 127.0.0.1, as a cluster's PKI would. */
async function makeTls(dir: string): Promise<{ caPem: string; key: string; cert: string }> {
  const file = (name: string) => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', ['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', '/CN=fake-apiserver-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await run('openssl', ['req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=kube-apiserver']);
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
  await run('openssl', ['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-out', file('server.crt'), '-days', '2', '-extfile', file('server.ext')]);
  return { caPem: readFileSync(file('ca.crt'), 'utf8'), key: readFileSync(file('server.key'), 'utf8'), cert: readFileSync(file('server.crt'), 'utf8') };
}

/** A port nothing listens on (bound, then released), for "cluster unreachable" tests. */
export async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createTcpServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-apiserver-'));
  const tls = await makeTls(dir);
  const tokens = new Set(options.tokens ?? [defaultToken]);
  const resources = options.resources ?? defaultResources;
  const store = new Map<string, Map<string, K8sObject>>();
  const requests: RecordedRequest[] = [];
  let injections: { injection: Injection; left: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let resourceVersion = 1000;
  let url = '';

  const storeKey = (r: Pick<FakeResource, 'group' | 'plural'>) => `${r.group}/${r.plural}`;
  const findResource = (apiVersion: string, kind: string) => {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return resources.find((r) => r.group === group && r.version === version && r.kind === kind);
  };

  function put(obj: K8sObject): void {
    const resource = findResource(obj.apiVersion, obj.kind);
    if (!resource) throw new Error(`fake-apiserver: no resource serves ${obj.apiVersion} ${obj.kind}`);
    const ns = resource.namespaced ? obj.metadata.namespace ?? 'default' : undefined;
    const key = storeKey(resource);
    const bucket = store.get(key) ?? new Map<string, K8sObject>();
    store.set(key, bucket);
    resourceVersion += 1;
    const live = withServerMetadata(obj, String(resourceVersion));
    const id = `${ns ?? ''}/${obj.metadata.name}`;
    bucket.set(id, ns === undefined ? live : { ...live, metadata: { ...live.metadata, namespace: ns } });
  }

  function has(kind: string, namespace: string | undefined, name: string): boolean {
    const resource = resources.find((r) => r.group === '' && r.kind === kind);
    return resource !== undefined && (store.get(storeKey(resource))?.has(`${namespace ?? ''}/${name}`) ?? false);
  }

  function seed(...objects: K8sObject[]): void {
    for (const obj of objects) {
      // Every namespace a cluster has also holds what its controllers create there.
      const ns = obj.kind === 'Namespace' ? obj.metadata.name : obj.metadata.namespace;
      if (ns !== undefined && !has('Namespace', undefined, ns)) for (const basic of namespaceObjects(ns)) put(basic);
      put(obj);
    }
  }

  function parseRoute(pathname: string): Route | 'discovery' | undefined {
    const parts = pathname.split('/').filter((p) => p !== '');
    let group = '';
    let version: string | undefined;
    let rest: string[];
    if (parts[0] === 'api' && parts.length >= 2) {
      version = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length >= 3) {
      group = parts[1] ?? '';
      version = parts[2];
      rest = parts.slice(3);
    } else return undefined;
    if (rest.length === 0) return 'discovery';
    const served = resources.filter((r) => r.group === group && r.version === version);
    const byPlural = (plural: string | undefined) => served.find((r) => r.plural === plural);
    // namespaces/<ns>/<plural>[/<name>] addresses namespaced kinds; <plural>[/<name>] everything else.
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      const resource = byPlural(rest[2]);
      if (resource?.namespaced && rest.length <= 4) return { resource, namespace: rest[1], name: rest[3] };
      return undefined;
    }
    const resource = byPlural(rest[0]);
    if (!resource || rest.length > 2 || (resource.namespaced && rest.length === 2)) return undefined;
    return { resource, namespace: undefined, name: rest[1] };
  }

  function discovery(pathname: string): unknown {
    const groups = [...new Set(resources.filter((r) => r.group !== '').map((r) => r.group))];
    if (pathname === '/api') {
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: url.replace('https://', '') }] };
    }
    if (pathname === '/apis') {
      return {
        kind: 'APIGroupList', apiVersion: 'v1',
        groups: groups.map((name) => {
          const versions = [...new Set(resources.filter((r) => r.group === name).map((r) => r.version))];
          const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
          return { name, versions: entries, preferredVersion: entries[0] };
        }),
      };
    }
    const parts = pathname.split('/').filter((p) => p !== '');
    const [group, version] = parts[0] === 'api' ? ['', parts[1]] : [parts[1] ?? '', parts[2]];
    if (parts[0] === 'apis' && parts.length === 2) {
      const versions = [...new Set(resources.filter((r) => r.group === group).map((r) => r.version))];
      if (versions.length === 0) return undefined;
      const entries = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
      return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: entries, preferredVersion: entries[0] };
    }
    const served = resources.filter((r) => r.group === group && r.version === version);
    if (served.length === 0) return undefined;
    const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
    return {
      kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version: version ?? '' }),
      resources: served.flatMap((r) => [
        {
          name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs,
          ...(r.shortNames ? { shortNames: r.shortNames } : {}), ...(r.categories ? { categories: r.categories } : {}),
          storageVersionHash: Buffer.from(r.plural).toString('base64').slice(0, 11),
        },
        // Subresources appear in the same list; a client must not mistake them for kinds.
        ...(r.subresources ?? []).map((sub) => ({ name: `${r.plural}/${sub}`, singularName: '', namespaced: r.namespaced,
          kind: sub === 'scale' ? 'Scale' : r.kind, ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}), verbs: ['get', 'patch', 'update'] })),
      ]),
    };
  }

  function list(route: Route, query: URLSearchParams, accept: string): unknown {
    const { resource } = route;
    // Equality-based label selectors (`a=b,c=d`), as doctor sends them.
    const selector = (query.get('labelSelector') ?? '').split(',').filter((t) => t !== '').map((t) => t.split('='));
    const all = [...(store.get(storeKey(resource))?.values() ?? [])]
      .filter((o) => route.namespace === undefined || o.metadata.namespace === route.namespace)
      .filter((o) => selector.every(([key, value]) => key !== undefined && o.metadata.labels?.[key] === value))
      .sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name))
      // A real API server leaves kind and apiVersion out of list items of built-in kinds.
      .map((o) => (resource.custom ? { ...o, apiVersion: groupVersion(resource) } : withoutTypeMeta(o)));
    const start = Number(query.get('continue') ? Buffer.from(query.get('continue') ?? '', 'base64url').toString() : 0);
    const limit = Number(query.get('limit') ?? 0);
    const end = limit > 0 ? start + limit : all.length;
    const more = end < all.length;
    // Accept: ...;as=PartialObjectMetadataList: metadata only, as a real API server answers it (no data).
    if (accept.includes('as=PartialObjectMetadataList')) {
      return {
        apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadataList',
        items: all.slice(start, end).map((o) => ({ apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: o['metadata'] })),
        metadata: { resourceVersion: String(resourceVersion), ...(more ? { continue: Buffer.from(String(end)).toString('base64url') } : {}) },
      };
    }
    return {
      apiVersion: groupVersion(resource), kind: `${resource.kind}List`, items: all.slice(start, end),
      metadata: { resourceVersion: String(resourceVersion), ...(more ? { continue: Buffer.from(String(end)).toString('base64url'), remainingItemCount: all.length - end } : {}) },
    };
  }

  function forbiddenMessage(route: Route | undefined, pathname: string): string {
    if (!route) return `forbidden: User "system:serviceaccount:ci:rivven-gitops" cannot get path "${pathname}"`;
    const { resource, namespace, name } = route;
    const what = resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
    const verb = name === undefined ? 'list' : 'get';
    return `${what}${name ? ` "${name}"` : ''} is forbidden: User "system:serviceaccount:ci:rivven-gitops" cannot ${verb} resource "${resource.plural}" in API group "${resource.group}"${namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope'}`;
  }

  function send(res: ServerResponse, code: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Audit-Id': String(requests.length) });
    res.end(text);
  }

  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const requestUrl = new URL(req.url ?? '/', 'https://127.0.0.1');
    const pathname = requestUrl.pathname.replace(/\/+$/, '') || '/';
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    requests.push({ method: req.method ?? 'GET', path: pathname, query: Object.fromEntries(requestUrl.searchParams), accept: req.headers.accept ?? '', token });
    void (async () => {
      if (token === undefined || !tokens.has(token)) return send(res, 401, statusBody(401, 'Unauthorized'));
      const route = parseRoute(pathname);
      const hit = injections.find((i) => i.left > 0 && (typeof i.injection.path === 'string' ? i.injection.path === pathname : i.injection.path.test(pathname)));
      if (hit) {
        hit.left -= 1;
        const { delayMs, status, message } = hit.injection;
        if (delayMs !== undefined) await new Promise<void>((resolve) => {
          const timer = setTimeout(() => { timers.delete(timer); resolve(); }, delayMs);
          timers.add(timer);
        });
        if (res.destroyed) return;
        if (status !== undefined) {
          const text = message ?? (status === 403 ? forbiddenMessage(route === 'discovery' ? undefined : route, pathname) : `injected ${status}`);
          return send(res, status, statusBody(status, text));
        }
      }
      if (req.method !== 'GET') return send(res, 405, statusBody(405, `the server does not allow this method on the requested resource`));
      if (pathname === '/version') {
        return send(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.4', gitCommit: '0000000000000000000000000000000000000000', gitTreeState: 'clean', buildDate: '2025-04-22T00:00:00Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64' });
      }
      if (pathname === '/api' || pathname === '/apis' || route === 'discovery' || (pathname.startsWith('/apis/') && pathname.split('/').length === 3)) {
        const body = discovery(pathname);
        return body === undefined ? send(res, 404, statusBody(404, 'the server could not find the requested resource')) : send(res, 200, body);
      }
      if (!route) return send(res, 404, statusBody(404, 'the server could not find the requested resource'));
      if (route.name === undefined) return send(res, 200, list(route, requestUrl.searchParams, req.headers.accept ?? ''));
      const obj = store.get(storeKey(route.resource))?.get(`${route.namespace ?? ''}/${route.name}`);
      if (!obj) {
        const what = route.resource.group === '' ? route.resource.plural : `${route.resource.plural}.${route.resource.group}`;
        return send(res, 404, statusBody(404, `${what} "${route.name}" not found`, { name: route.name, group: route.resource.group, kind: route.resource.plural }));
      }
      return send(res, 200, { ...obj, apiVersion: groupVersion(route.resource) });
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  url = `https://127.0.0.1:${port}`;
  seed(kubernetesService(), ...(options.objects ?? []));

  function writeKubeconfig(kc: KubeconfigOptions = {}): string {
    const contexts = kc.contexts ?? { fake: { token: defaultToken } };
    const names = Object.keys(contexts);
    const config = {
      apiVersion: 'v1', kind: 'Config', preferences: {},
      clusters: [{ name: 'fake', cluster: { server: kc.server ?? url, ...(kc.ca === 'none' ? {} : { 'certificate-authority-data': Buffer.from(tls.caPem).toString('base64') }) } }],
      users: names.map((name) => {
        const u = contexts[name] ?? {};
        return {
          name: `${name}-user`,
          user: {
            ...(u.token !== undefined ? { token: u.token } : {}),
            ...(u.username !== undefined ? { username: u.username, password: u.password ?? '' } : {}),
            ...(u.exec ? { exec: { apiVersion: u.exec.apiVersion ?? 'client.authentication.k8s.io/v1', command: u.exec.command, args: u.exec.args ?? [], env: u.exec.env ?? null, interactiveMode: u.exec.interactiveMode ?? 'IfAvailable', provideClusterInfo: false } } : {}),
          },
        };
      }),
      contexts: names.map((name) => ({ name, context: { cluster: 'fake', user: `${name}-user` } })),
      'current-context': kc.currentContext ?? names[0] ?? '',
    };
    const file = path.join(dir, kc.fileName ?? 'kubeconfig');
    writeFileSync(file, stringify(config));
    return file;
  }

  return {
    url, port, caPem: tls.caPem, dir, requests,
    inject: (injection) => { injections.push({ injection, left: injection.times ?? Number.POSITIVE_INFINITY }); },
    clearInjections: () => { injections = []; },
    seed,
    apply: (objects, applyOptions) => seed(...objects.map((o) => liveFromApplied(o, applyOptions))),
    writeKubeconfig,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function withoutTypeMeta(obj: K8sObject): Record<string, unknown> {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj;
  return rest;
}
