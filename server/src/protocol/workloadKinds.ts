// The kinds that make pods and the short name each is written with in a reference (`deploy/ns/name`,
// kubectl's short names where it has one): the engine prints and resolves these references, the
// client builds them from the manifest under the cursor, so both read this one table.

export const SHORT_KINDS: Readonly<Record<string, string>> = {
  Pod: 'pod',
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  ReplicationController: 'rc',
  Job: 'job',
  CronJob: 'cronjob',
};

/** A controller of pods (not a Pod itself), which a trace accepts by name. */
export const isWorkloadKind = (kind: string | undefined): kind is string =>
  kind !== undefined && kind !== 'Pod' && Object.hasOwn(SHORT_KINDS, kind);

/** `deploy/ns/name` for a workload kind and its `ns/name`. */
export const workloadRef = (kind: string, key: string): string => `${SHORT_KINDS[kind] ?? kind}/${key}`;
