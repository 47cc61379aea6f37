/**
 * The POSIX sh script of the volume-snapshot CronJob. It runs at backup time, so the date suffix is
 * computed then (`date -u`), never at render time: the rendered manifest stays the same on every build.
 *
 * For each broker PVC that exists it creates a CSI VolumeSnapshot `<pvc>-<YYYYMMDDhhmm>` labelled with
 * its PVC, then deletes that PVC's oldest snapshots beyond `keep` (names sort by time). A PVC that does
 * not exist (fewer brokers than the names cover) is skipped; a failed snapshot makes the Job fail after
 * the other PVCs were tried, so one bad volume does not hide the rest.
 */

/** Label on every snapshot naming the PVC it was taken of; pruning counts per PVC by it. */
export const snapshotPvcLabel = 'backup.rivven-gitops.io/pvc';

export interface SnapshotScriptInput {
  readonly pvcs: readonly string[];
  readonly keep: number;
  readonly clusterName: string;
  readonly snapshotClassName?: string | undefined;
}

export function renderSnapshotScript(input: SnapshotScriptInput): string {
  const specClass = input.snapshotClassName ? [`  volumeSnapshotClassName: ${input.snapshotClassName}`] : [];
  return [
    'set -eu',
    '# POD_NAMESPACE comes from the downward API; the date is taken when the Job runs.',
    'ns="$POD_NAMESPACE"',
    'stamp="$(date -u +%Y%m%d%H%M)"',
    `keep=${input.keep}`,
    'failed=0',
    `for pvc in ${input.pvcs.join(' ')}; do`,
    '  if ! kubectl get pvc "$pvc" -n "$ns" >/dev/null 2>&1; then',
    '    echo "skip $pvc: no such PersistentVolumeClaim"',
    '    continue',
    '  fi',
    '  snapshot="$pvc-$stamp"',
    '  echo "snapshot $pvc -> $snapshot"',
    '  if ! kubectl create -n "$ns" -f - <<EOF',
    'apiVersion: snapshot.storage.k8s.io/v1',
    'kind: VolumeSnapshot',
    'metadata:',
    '  name: $snapshot',
    '  labels:',
    '    app.kubernetes.io/name: rivven',
    `    app.kubernetes.io/instance: ${input.clusterName}`,
    '    app.kubernetes.io/managed-by: rivven-gitops-backup',
    `    ${snapshotPvcLabel}: $pvc`,
    'spec:',
    ...specClass,
    '  source:',
    '    persistentVolumeClaimName: $pvc',
    'EOF',
    '  then',
    '    echo "snapshot of $pvc failed" >&2',
    '    failed=1',
    '    continue',
    '  fi',
    `  all="$(kubectl get volumesnapshots -n "$ns" -l "${snapshotPvcLabel}=$pvc" -o name | sort)"`,
    '  count="$(printf \'%s\\n\' "$all" | grep -c . || true)"',
    '  excess=$((count - keep))',
    '  if [ "$excess" -gt 0 ]; then',
    '    printf \'%s\\n\' "$all" | head -n "$excess" | while read -r old; do',
    '      echo "prune $old"',
    '      kubectl delete -n "$ns" "$old" --wait=false',
    '    done',
    '  fi',
    'done',
    'exit "$failed"',
    '',
  ].join('\n');
}
