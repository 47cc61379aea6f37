import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backupForeignNamespaces, backupKubectlImage, brokerPvcNames, renderBackup } from '../../src/render/backup.js';
import type { K8sObject } from '../../src/render/k8s-object.js';
import type { UserConfig } from '../../src/model/types.js';
import { resolvedEnvironment } from '../support/resolved.js';
import { checkGolden, toGoldenYaml } from '../support/crd-schema.js';
import { validateAll } from '../support/k8s-schema.js';

function rec(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const base: UserConfig = { namespace: 'rivven-prod', cluster: { name: 'main', replicas: 3 } };

function render(backup: UserConfig['backup'], extra: UserConfig = {}): K8sObject[] {
  return renderBackup(resolvedEnvironment({ ...base, ...extra, backup }, 'prod'));
}

function podSpec(cronJob: K8sObject | undefined): Record<string, unknown> {
  return rec(rec(rec(rec(rec(cronJob?.['spec'])['jobTemplate'])['spec'])['template'])['spec']);
}

function snapshotScript(objects: readonly K8sObject[]): string {
  const container = rec(arr(podSpec(objects.find((o) => o.kind === 'CronJob'))['containers'])[0]);
  const command = arr(container['command']).map(String);
  assert.equal(command.slice(0, 2), ['/bin/sh', '-c']);
  return command[2] ?? '';
}

test('golden: volume-snapshot renders ServiceAccount, Role, RoleBinding and CronJob, all schema-valid', () => {
  const objects = render({ method: 'volume-snapshot', schedule: '30 1 * * *', volumeSnapshot: { keep: 5, className: 'csi-snapclass' } });
  assert.equal(
    objects.map((o) => o.kind),
    ['ServiceAccount', 'Role', 'RoleBinding', 'CronJob'],
  );
  assert.equal(validateAll(objects), []);
  assert.equal(checkGolden(toGoldenYaml(objects), 'backup/volume-snapshot'), []);
});

test('snapshot Job: pinned image with a shell, non-root, read-only root, all capabilities dropped, resources set', () => {
  const objects = render({ method: 'volume-snapshot' });
  const spec = podSpec(objects.find((o) => o.kind === 'CronJob'));
  const container = rec(arr(spec['containers'])[0]);
  assert.is(container['image'], backupKubectlImage);
  assert.not.match(backupKubectlImage, /:latest$|^[^:]+$/);
  assert.is(rec(spec['securityContext'])['runAsNonRoot'], true);
  const sc = rec(container['securityContext']);
  assert.is(sc['readOnlyRootFilesystem'], true);
  assert.is(sc['allowPrivilegeEscalation'], false);
  assert.equal(rec(sc['capabilities'])['drop'], ['ALL']);
  assert.ok(rec(rec(container['resources'])['limits'])['memory']);
  assert.ok(rec(rec(container['resources'])['requests'])['cpu']);
  assert.is(spec['serviceAccountName'], 'rivven-main-backup');
});

test('Role allows exactly snapshots and reading PVCs', () => {
  const role = render({ method: 'volume-snapshot' }).find((o) => o.kind === 'Role');
  assert.equal(role?.['rules'], [
    { apiGroups: ['snapshot.storage.k8s.io'], resources: ['volumesnapshots'], verbs: ['create', 'get', 'list', 'delete'] },
    { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list'] },
  ]);
});

test('the manifest is deterministic: the date is computed by the Job, not at render time', () => {
  const a = toGoldenYaml(render({ method: 'volume-snapshot' }));
  assert.is(a, toGoldenYaml(render({ method: 'volume-snapshot' })));
  const script = snapshotScript(render({ method: 'volume-snapshot' }));
  assert.ok(script.includes('$(date -u +%Y%m%d%H%M)'));
  assert.not.match(script, /20\d{10}/);
});

test('every broker PVC is covered, including HPA scale-ups', () => {
  assert.equal(brokerPvcNames(resolvedEnvironment(base, 'prod')), ['data-rivven-main-0', 'data-rivven-main-1', 'data-rivven-main-2']);
  const scaled = resolvedEnvironment({ ...base, target: 'manifests', autoscaling: { minReplicas: 2, maxReplicas: 5 } }, 'prod');
  assert.is(brokerPvcNames(scaled).length, 5);
});

// --- run the script under POSIX sh (dash) against a fake kubectl ---

const fakeKubectl = `#!/bin/sh
# A fake kubectl: PVCs from $EXISTING_PVCS, snapshots in $STATE ("<pvc> <name>" lines).
echo "$*" >> "$LOG"
case "$1 $2" in
  "get pvc")
    for p in $EXISTING_PVCS; do [ "$p" = "$3" ] && exit 0; done
    exit 1 ;;
  "create -n")
    body=$(cat)
    name=$(printf '%s\\n' "$body" | sed -n 's/^  name: //p')
    pvc=$(printf '%s\\n' "$body" | sed -n 's/^    persistentVolumeClaimName: //p')
    printf '%s\\n' "$body" | grep -q '^kind: VolumeSnapshot$' || exit 3
    [ "$pvc" = "$FAIL_PVC" ] && exit 1
    echo "$pvc $name" >> "$STATE"
    exit 0 ;;
  "get volumesnapshots")
    pvc=$(printf '%s\\n' "$*" | sed -n 's/.*backup.rivven-gitops.io\\/pvc=\\([^ ]*\\).*/\\1/p')
    grep "^$pvc " "$STATE" | while read -r p n; do echo "volumesnapshot.snapshot.storage.k8s.io/$n"; done
    exit 0 ;;
  "delete -n")
    n=\${4#volumesnapshot.snapshot.storage.k8s.io/}
    grep -v " $n\\$" "$STATE" > "$STATE.new" || true
    mv "$STATE.new" "$STATE"
    exit 0 ;;
esac
echo "unexpected kubectl call: $*" >&2
exit 2
`;

interface Run {
  readonly status: number | null;
  readonly state: string[];
  readonly log: string;
  readonly out: string;
}

function runScript(script: string, options: { pvcs: string; state: string[]; failPvc?: string }): Run {
  const dir = mkdtempSync(path.join(tmpdir(), 'rivven-backup-'));
  try {
    writeFileSync(path.join(dir, 'kubectl'), fakeKubectl);
    chmodSync(path.join(dir, 'kubectl'), 0o755);
    const statePath = path.join(dir, 'state');
    writeFileSync(statePath, options.state.map((l) => `${l}\n`).join(''));
    const result = spawnSync('/bin/sh', ['-c', script], {
      env: {
        PATH: `${dir}:/usr/bin:/bin`,
        POD_NAMESPACE: 'rivven-prod',
        EXISTING_PVCS: options.pvcs,
        STATE: statePath,
        LOG: path.join(dir, 'log'),
        FAIL_PVC: options.failPvc ?? '',
      },
      encoding: 'utf8',
    });
    const state = readFileSync(statePath, 'utf8').split('\n').filter((l) => l !== '');
    const log = existsSync(path.join(dir, 'log')) ? readFileSync(path.join(dir, 'log'), 'utf8') : '';
    return { status: result.status, state, log, out: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the script is POSIX: dash and bash --posix parse it', () => {
  const script = snapshotScript(render({ method: 'volume-snapshot', volumeSnapshot: { className: 'csi' } }));
  for (const shell of [['/bin/sh', '-n'], ['bash', '--posix', '-n']]) {
    const [cmd = '', ...args] = shell;
    const r = spawnSync(cmd, [...args, '-c', script], { encoding: 'utf8' });
    assert.is(r.status, 0, `${shell.join(' ')}: ${r.stderr}`);
  }
});

test('the script snapshots each existing PVC, skips missing ones and keeps the newest `keep` per PVC', () => {
  const script = snapshotScript(render({ method: 'volume-snapshot', volumeSnapshot: { keep: 3 } }));
  const old = ['202001010000', '202002010000', '202003010000', '202004010000'].map((s) => `data-rivven-main-0 data-rivven-main-0-${s}`);
  const other = 'data-rivven-main-1 data-rivven-main-1-202001010000';
  const run = runScript(script, { pvcs: 'data-rivven-main-0 data-rivven-main-1', state: [...old, other] });
  assert.is(run.status, 0, run.out);
  const mine = run.state.filter((l) => l.startsWith('data-rivven-main-0 ')).map((l) => l.split(' ')[1] ?? '');
  assert.is(mine.length, 3, run.out);
  assert.ok(mine.includes('data-rivven-main-0-202003010000') && mine.includes('data-rivven-main-0-202004010000'), 'newest old ones kept');
  const fresh = mine.find((n) => !n.startsWith('data-rivven-main-0-2020'));
  assert.match(fresh ?? '', /^data-rivven-main-0-\d{12}$/);
  assert.is(run.state.filter((l) => l.startsWith('data-rivven-main-1 ')).length, 2, 'PVC 1: old + new, under keep');
  assert.ok(run.out.includes('skip data-rivven-main-2'), 'missing PVC skipped');
  assert.not.ok(run.log.includes('create -n rivven-prod -f - data-rivven-main-2'));
});

test('a failed snapshot fails the Job after the other PVCs were tried, and prunes nothing for it', () => {
  const script = snapshotScript(render({ method: 'volume-snapshot', volumeSnapshot: { keep: 1 } }));
  const run = runScript(script, {
    pvcs: 'data-rivven-main-0 data-rivven-main-1 data-rivven-main-2',
    state: ['data-rivven-main-0 data-rivven-main-0-202001010000', 'data-rivven-main-0 data-rivven-main-0-202002010000'],
    failPvc: 'data-rivven-main-0',
  });
  assert.is.not(run.status, 0);
  assert.is(run.state.filter((l) => l.startsWith('data-rivven-main-0 ')).length, 2, 'nothing pruned for the failed PVC');
  assert.is(run.state.filter((l) => l.startsWith('data-rivven-main-2 ')).length, 1, 'later PVCs still snapshotted');
});

test('velero: a Schedule in the Velero namespace with its required fields', () => {
  const objects = render({ method: 'velero', schedule: '0 3 * * *', ttl: '168h', velero: { namespace: 'backups', storageLocation: 's3-eu' } });
  assert.is(objects.length, 1);
  const schedule = objects[0];
  assert.ok(schedule);
  assert.is(schedule.apiVersion, 'velero.io/v1');
  assert.is(schedule.kind, 'Schedule');
  assert.is(schedule.metadata.namespace, 'backups', 'lives in the Velero namespace, not the environment');
  assert.ok(schedule.metadata.name.length <= 47);
  const spec = rec(schedule['spec']);
  assert.is(spec['schedule'], '0 3 * * *');
  const template = rec(spec['template']);
  assert.equal(template['includedNamespaces'], ['rivven-prod']);
  assert.equal(rec(template['labelSelector'])['matchLabels'], { 'app.kubernetes.io/instance': 'main' });
  assert.is(template['snapshotVolumes'], true);
  assert.is(template['ttl'], '168h');
  assert.is(template['storageLocation'], 's3-eu');
  assert.equal(backupForeignNamespaces(resolvedEnvironment({ ...base, backup: { method: 'velero', velero: { namespace: 'backups' } } }, 'prod')), ['backups']);
  assert.equal(checkGolden(toGoldenYaml(objects), 'backup/velero'), []);
});

test('command: the user image and command with env Secret references, restricted security context', () => {
  const objects = render({
    method: 'command',
    destination: 's3://backups/rivven',
    command: { image: 'example.com/rivven-backup:1.2.3', command: ['/backup', '--all'], env: [{ name: 'AWS_SECRET_ACCESS_KEY', secretKeyRef: { name: 's3-creds', key: 'secret' } }] },
  });
  assert.equal(objects.map((o) => o.kind), ['CronJob']);
  assert.equal(validateAll(objects), []);
  const container = rec(arr(podSpec(objects[0])['containers'])[0]);
  assert.is(container['image'], 'example.com/rivven-backup:1.2.3');
  assert.equal(container['command'], ['/backup', '--all']);
  const env = arr(container['env']).map(rec);
  assert.equal(env.find((e) => e['name'] === 'AWS_SECRET_ACCESS_KEY')?.['valueFrom'], { secretKeyRef: { name: 's3-creds', key: 'secret' } });
  assert.is(env.find((e) => e['name'] === 'BACKUP_DESTINATION')?.['value'], 's3://backups/rivven');
  assert.is(env.find((e) => e['name'] === 'RIVVEN_SERVER')?.['value'], 'rivven-main:9092');
  assert.equal(checkGolden(toGoldenYaml(objects), 'backup/command'), []);
});

test('rivven-cli, disabled or absent backups render nothing', () => {
  assert.equal(render({ method: 'rivven-cli' }), []);
  assert.equal(render({ enabled: false }), []);
  assert.equal(render(undefined), []);
});

test.run();
