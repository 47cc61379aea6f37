/**
 * Runs the real `kubectl kustomize` (kubectl embeds kustomize) and compares object sets. When kubectl
 * is missing, tests that need it fail under CI (process.env.CI) and are skipped loudly elsewhere.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import type { K8sObject } from '../../src/render/k8s-object.js';
import { idOf } from '../../src/core/object-ref.js';

const execFileAsync = promisify(execFile);

let available: boolean | undefined;

export function kubectlAvailable(): boolean {
  if (available === undefined) {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 10_000 });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * Registers a test that needs kubectl. Without kubectl: under CI the test fails (a CI image without
 * kubectl would otherwise pass silently); locally it is skipped with a warning on stderr.
 */
export function kubectlTest(suite: Test, name: string, fn: () => Promise<void> | void): void {
  if (kubectlAvailable()) {
    suite(name, fn);
  } else if (process.env['CI']) {
    suite(name, () => assert.unreachable('kubectl is not on PATH, and CI is set: this test needs the real kustomize'));
  } else {
    process.stderr.write(`\n!!! SKIPPED "${name}": kubectl is not on PATH (install kubectl ≥ 1.32 to run it)\n`);
    suite.skip(name, fn);
  }
}

/** Every YAML document of a stream, parsed as YAML 1.2 (the empty documents dropped). */
export function parseYamlDocuments(text: string, version: '1.1' | '1.2' = '1.2'): unknown[] {
  return parseAllDocuments(text, { version })
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`YAML parse error: ${doc.errors[0]?.message ?? ''}`);
      return doc.toJS({ maxAliasCount: -1 });
    })
    .filter((v: unknown) => v !== null && v !== undefined);
}

/** Raw output of `kubectl kustomize <dir>`. */
export async function kustomizeRaw(dir: string): Promise<string> {
  const { stdout } = await execFileAsync('kubectl', ['kustomize', dir], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return stdout;
}

function isK8sObject(value: unknown): value is K8sObject {
  if (value === null || typeof value !== 'object') return false;
  const meta: unknown = Reflect.get(value, 'metadata');
  return (
    typeof Reflect.get(value, 'apiVersion') === 'string' &&
    typeof Reflect.get(value, 'kind') === 'string' &&
    meta !== null &&
    typeof meta === 'object' &&
    typeof Reflect.get(meta, 'name') === 'string'
  );
}

/** The objects `kubectl kustomize <dir>` builds. */
export async function kustomizeBuild(dir: string): Promise<K8sObject[]> {
  const docs = parseYamlDocuments(await kustomizeRaw(dir));
  return docs.map((doc) => {
    if (!isK8sObject(doc)) throw new Error(`kustomize output is not a Kubernetes object: ${JSON.stringify(doc).slice(0, 200)}`);
    return doc;
  });
}

function sortedById(objects: readonly unknown[]): unknown[] {
  const copy: unknown[] = JSON.parse(JSON.stringify(objects));
  return copy.sort((a, b) => {
    const ia = isK8sObject(a) ? idOf(a) : JSON.stringify(a);
    const ib = isK8sObject(b) ? idOf(b) : JSON.stringify(b);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

/** Asserts two object lists are the same set: deep-equal, order-insensitive (kustomize re-sorts). */
export function assertSameObjects(actual: readonly unknown[], expected: readonly unknown[], message?: string): void {
  assert.equal(sortedById(actual), sortedById(expected), message);
}
