/**
 * Scheduled backups that can really run (the guide's `rivven backup` CLI does not exist, RG404):
 * - `volume-snapshot`: a CronJob that takes CSI VolumeSnapshots of every broker PVC and prunes old ones,
 *   with a ServiceAccount and a Role allowing exactly that;
 * - `velero`: a Velero Schedule. It lives in the Velero namespace, NOT the environment's: the kustomize
 *   layout keeps it out of the overlay (whose `namespace:` would move it) in a directory of its own;
 * - `command`: the user's image and command on the schedule (unverified, RG412);
 * - `rivven-cli`: nothing (validation refuses it with RG404).
 */
import type { ResolvedEnvironment } from '../model/types.js';
import { k8sObject, toContainerEnv, type K8sObject } from './k8s-object.js';
import { brokerNames, brokerPorts, clusterObjectName, commonLabels, restrictedContainerSecurityContext, restrictedPodSecurityContext } from './names.js';
import { renderSnapshotScript } from './backup-snapshot-script.js';

/**
 * Shell and kubectl in one widely used, pinned image (`registry.k8s.io/kubectl` has no shell). Its
 * kubectl matches the 1.32 API this project is tested against.
 */
export const backupKubectlImage = 'alpine/k8s:1.32.4';

const jobResources = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

export function backupNames(env: ResolvedEnvironment) {
  const base = `${clusterObjectName(env.config)}-backup`;
  return { cronJob: base, serviceAccount: base, role: base, roleBinding: base, veleroSchedule: veleroScheduleName(env) };
}

/** Pod labels of backup Jobs: deliberately without `app.kubernetes.io/name=rivven`, so no broker selector matches them. */
export function backupPodLabels(env: ResolvedEnvironment): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'rivven-backup',
    'app.kubernetes.io/instance': env.config.cluster.name,
    'app.kubernetes.io/component': 'backup',
  };
}

/**
 * Velero names its backups `<schedule>-<YYYYMMDDhhmmss>` and labels them with the schedule name, so
 * the name must leave room for the suffix within a 63-character label value; it also must be unique in
 * the shared Velero namespace, hence the environment's namespace in it.
 */
function veleroScheduleName(env: ResolvedEnvironment): string {
  return `${env.config.namespace}-${env.config.cluster.name}`.slice(0, 47).replace(/-+$/, '');
}

/** Broker PVCs to snapshot: every ordinal the StatefulSet can reach, including HPA scale-ups. */
export function brokerPvcNames(env: ResolvedEnvironment): string[] {
  const scaling = env.config.autoscaling;
  const count = scaling?.enabled ? Math.max(env.config.cluster.replicas, scaling.maxReplicas) : env.config.cluster.replicas;
  const prefix = brokerNames(env.config).pvcPrefix;
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}

/** Namespaces other than the environment's that its backup objects live in (for the layout and Argo CD). */
export function backupForeignNamespaces(env: ResolvedEnvironment): string[] {
  const backup = env.config.backup;
  if (!backup?.enabled || backup.method !== 'velero') return [];
  return backup.velero.namespace === env.config.namespace ? [] : [backup.velero.namespace];
}

export function renderBackup(env: ResolvedEnvironment): K8sObject[] {
  const backup = env.config.backup;
  if (!backup?.enabled) return [];
  switch (backup.method) {
    case 'volume-snapshot':
      return renderVolumeSnapshotBackup(env, backup);
    case 'velero':
      return [renderVeleroSchedule(env, backup)];
    case 'command':
      return renderCommandBackup(env);
    case 'rivven-cli':
      return [];
  }
}

/** The backup block once resolved: present, and every defaulted member filled in by the schema. */
type ResolvedBackup = NonNullable<ResolvedEnvironment['config']['backup']>;

function meta(env: ResolvedEnvironment, name: string) {
  return { name, namespace: env.config.namespace, labels: commonLabels(env, 'backup') };
}

const podNamespaceEnv = { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } };

/** A CronJob that never overlaps itself, keeps a short history and gives up on a hung run. */
function cronJob(env: ResolvedEnvironment, podSpec: Record<string, unknown>): K8sObject {
  const backup = env.config.backup;
  return k8sObject('batch/v1', 'CronJob', meta(env, backupNames(env).cronJob), {
    spec: {
      schedule: backup?.schedule,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: 3600,
          template: {
            metadata: { labels: backupPodLabels(env) },
            spec: {
              restartPolicy: 'Never',
              securityContext: restrictedPodSecurityContext(),
              volumes: [{ name: 'tmp', emptyDir: {} }],
              ...podSpec,
            },
          },
        },
      },
    },
  });
}

function renderVolumeSnapshotBackup(env: ResolvedEnvironment, backup: ResolvedBackup): K8sObject[] {
  const names = backupNames(env);
  const snapshot = backup.volumeSnapshot;
  const script = renderSnapshotScript({
    pvcs: brokerPvcNames(env),
    keep: snapshot.keep,
    clusterName: env.config.cluster.name,
    snapshotClassName: snapshot.className,
  });
  return [
    k8sObject('v1', 'ServiceAccount', meta(env, names.serviceAccount)),
    k8sObject('rbac.authorization.k8s.io/v1', 'Role', meta(env, names.role), {
      rules: [
        { apiGroups: ['snapshot.storage.k8s.io'], resources: ['volumesnapshots'], verbs: ['create', 'get', 'list', 'delete'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list'] },
      ],
    }),
    k8sObject('rbac.authorization.k8s.io/v1', 'RoleBinding', meta(env, names.roleBinding), {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.role },
      subjects: [{ kind: 'ServiceAccount', name: names.serviceAccount, namespace: env.config.namespace }],
    }),
    cronJob(env, {
      serviceAccountName: names.serviceAccount,
      containers: [
        {
          name: 'snapshot',
          image: backupKubectlImage,
          imagePullPolicy: 'IfNotPresent',
          command: ['/bin/sh', '-c', script],
          // kubectl writes its discovery cache under $HOME; the root filesystem is read-only.
          env: [podNamespaceEnv, { name: 'HOME', value: '/tmp' }],
          resources: jobResources,
          securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }),
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        },
      ],
    }),
  ];
}

function renderVeleroSchedule(env: ResolvedEnvironment, backup: ResolvedBackup): K8sObject {
  const velero = backup.velero;
  return k8sObject(
    'velero.io/v1',
    'Schedule',
    { name: veleroScheduleName(env), namespace: velero.namespace, labels: commonLabels(env, 'backup') },
    {
      spec: {
        schedule: backup.schedule,
        template: {
          includedNamespaces: [env.config.namespace],
          labelSelector: { matchLabels: { 'app.kubernetes.io/instance': env.config.cluster.name } },
          snapshotVolumes: velero.snapshotVolumes,
          ttl: backup.ttl,
          storageLocation: velero.storageLocation,
        },
      },
    },
  );
}

function renderCommandBackup(env: ResolvedEnvironment): K8sObject[] {
  const backup = env.config.backup;
  const command = backup?.command;
  if (!command) return [];
  const context = [
    podNamespaceEnv,
    { name: 'RIVVEN_CLUSTER', value: env.config.cluster.name },
    { name: 'RIVVEN_SERVER', value: `${brokerNames(env.config).clientService}:${brokerPorts.client}` },
    ...(backup.destination ? [{ name: 'BACKUP_DESTINATION', value: backup.destination }] : []),
  ];
  return [
    cronJob(env, {
      containers: [
        {
          name: 'backup',
          image: command.image,
          command: [...command.command],
          env: [...context, ...(command.env ?? []).map(toContainerEnv)],
          resources: jobResources,
          // The namespace enforces the restricted Pod Security profile; the image's own user may be root.
          securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: false }),
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        },
      ],
    }),
  ];
}
