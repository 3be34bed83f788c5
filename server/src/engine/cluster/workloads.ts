// Pods from the workspace: Pod objects as written, and the pods controllers would create from their
// templates (Deployment, ReplicaSet, ReplicationController, StatefulSet, Job, CronJob; DaemonSet once
// nodes are known), named the way those controllers name them. Reads the objects' extracted facts.
import type { ContainerPort, IdleWorkload, Labels, SourceRef } from '../model';
import type { ObjectFacts, TemplateFacts, WorkloadFacts } from './facts';
import { cronJobScheduleNumber, podTemplateHash, safeSuffix } from './names';

export { MAX_REPLICAS } from './facts';

/** A pod before it has a node and an IP. */
export interface PodSeed {
  namespace: string;
  name: string;
  labels: Labels;
  ports: readonly ContainerPort[];
  owner?: string;
  nodeName?: string;
  podIP?: string;
  nodeSelector: Labels;
  source: SourceRef;
}

/** A DaemonSet: one pod per (matching) node, created once nodes are known. */
export interface DaemonSeed {
  /** The pod every node gets, still without name and node. */
  template: PodSeed;
  workload: string;
}

const REPLICATED = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** Reserves unique pod keys; generated names retry with a salt on the (rare) hash collision. */
export class PodNamer {
  private readonly taken = new Set<string>();

  claim(namespace: string, name: string): boolean {
    const key = `${namespace}/${name}`;
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }

  generate(namespace: string, make: (salt: number) => string): string {
    for (let salt = 0; ; salt++) {
      const name = make(salt);
      if (this.claim(namespace, name)) return name;
    }
  }
}

/** An object with the workload facts of its kind. */
type Workload = ObjectFacts & { workload: WorkloadFacts };

export function podSeedsOf(
  objects: readonly ObjectFacts[],
  namer: PodNamer,
): { pods: PodSeed[]; daemons: DaemonSeed[] } {
  const pods: PodSeed[] = [];
  const daemons: DaemonSeed[] = [];
  for (const obj of objects)
    if (obj.kind === 'Pod' && obj.workload) pods.push(...podObject(obj as Workload, namer));
  for (const obj of objects) {
    if (!obj.kind || !obj.name || !obj.workload || obj.kind === 'Pod') continue;
    const w = obj as Workload;
    if (REPLICATED.has(obj.kind)) pods.push(...replicated(w, obj.name, namer));
    else if (obj.kind === 'Job') pods.push(...job(w, obj.name, namer));
    else if (obj.kind === 'CronJob') pods.push(...cronJob(w, obj.name, namer));
    else if (obj.kind === 'DaemonSet') daemons.push(daemon(w, obj.name));
  }
  return { pods, daemons };
}

/** The controllers that made none of `seeds` (DaemonSets included once placed), sorted by namespace and name. */
export function idleWorkloadsOf(objects: readonly ObjectFacts[], seeds: readonly PodSeed[]): IdleWorkload[] {
  const running = new Set(seeds.flatMap((s) => (s.owner ? [`${s.namespace}/${s.owner}`] : [])));
  const out: IdleWorkload[] = [];
  for (const obj of objects) {
    if (!obj.kind || !obj.name || !obj.workload || obj.kind === 'Pod') continue;
    const namespace = namespaceOf(obj);
    if (running.has(`${namespace}/${obj.kind}/${obj.name}`)) continue;
    out.push({ kind: obj.kind, namespace, name: obj.name, reason: idleReason(obj.kind, obj.workload) });
  }
  const order = (w: IdleWorkload) => `${w.namespace}/${w.name}/${w.kind}`;
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

function idleReason(kind: string, workload: WorkloadFacts): string {
  if (kind === 'DaemonSet') return 'matches no node';
  if (workload.count > 0) return 'runs no pod';
  return kind === 'Job' || kind === 'CronJob' ? 'has parallelism 0' : 'has 0 replicas';
}

/** The DaemonSet's pod on one node. */
export function daemonPod(d: DaemonSeed, nodeName: string, namer: PodNamer): PodSeed {
  const name = namer.generate(d.template.namespace, (salt) => {
    return `${d.workload}-${safeSuffix(`${d.template.owner}/${nodeName}#${salt}`, 5)}`;
  });
  return { ...d.template, labels: { ...d.template.labels }, name, nodeName };
}

function podObject(obj: Workload, namer: PodNamer): PodSeed[] {
  const namespace = namespaceOf(obj);
  const generateName = obj.workload.generateName;
  let name = obj.name;
  if (name) {
    if (!namer.claim(namespace, name)) return [];
  } else if (generateName) {
    name = namer.generate(
      namespace,
      (salt) => `${generateName}${safeSuffix(`${obj.file}#${obj.docIndex}#${salt}`, 5)}`,
    );
  } else return [];
  const seed = seedOf(obj, obj.workload.template, name);
  if (obj.workload.podIP) seed.podIP = obj.workload.podIP;
  return [seed];
}

function replicated(obj: Workload, workload: string, namer: PodNamer): PodSeed[] {
  const template = obj.workload.template;
  const count = obj.workload.count;
  const ns = namespaceOf(obj);
  const identity = `${obj.kind}/${ns}/${workload}`;
  const out: PodSeed[] = [];
  if (obj.kind === 'StatefulSet') {
    const base = seedOf(obj, template, '');
    for (let i = 0; i < count; i++) {
      const name = `${workload}-${i}`;
      if (!namer.claim(ns, name)) continue;
      const extra = { 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i) };
      out.push({ ...base, name, labels: { ...base.labels, ...extra } });
    }
    return out;
  }
  const hash = obj.kind === 'Deployment' ? podTemplateHash(identity) : undefined;
  const base = seedOf(obj, hash ? withLabels(template, { 'pod-template-hash': hash }) : template, '');
  const prefix = hash ? `${workload}-${hash}-` : `${workload}-`;
  for (let i = 0; i < count; i++) {
    const name = namer.generate(ns, (s) => prefix + safeSuffix(`${identity}#${i}#${s}`, 5));
    out.push({ ...base, name });
  }
  return out;
}

function job(obj: Workload, jobName: string, namer: PodNamer): PodSeed[] {
  const labelled = withLabels(obj.workload.template, {
    'job-name': jobName,
    'batch.kubernetes.io/job-name': jobName,
  });
  const ns = namespaceOf(obj);
  const base = seedOf(obj, labelled, '');
  const out: PodSeed[] = [];
  for (let i = 0; i < obj.workload.count; i++) {
    const name = namer.generate(ns, (s) => `${jobName}-${safeSuffix(`Job/${ns}/${jobName}#${i}#${s}`, 5)}`);
    out.push({ ...base, name });
  }
  return out;
}

/** A CronJob's current run: one pod of one job (the facts cap its count at one). */
function cronJob(obj: Workload, workload: string, namer: PodNamer): PodSeed[] {
  const jobName = `${workload}-${cronJobScheduleNumber(`${namespaceOf(obj)}/${workload}`)}`;
  return job(obj, jobName, namer);
}

function daemon(obj: Workload, workload: string): DaemonSeed {
  return { template: seedOf(obj, obj.workload.template, ''), workload };
}

function seedOf(obj: ObjectFacts, template: TemplateFacts, name: string): PodSeed {
  const seed: PodSeed = {
    namespace: namespaceOf(obj),
    name,
    labels: obj.kind === 'Pod' ? template.labels : { ...template.labels },
    ports: template.ports,
    nodeSelector: template.nodeSelector,
    source: obj.source,
  };
  if (obj.kind !== 'Pod') seed.owner = `${obj.kind}/${obj.name}`;
  if (template.nodeName) seed.nodeName = template.nodeName;
  return seed;
}

function namespaceOf(obj: ObjectFacts): string {
  return obj.namespace || 'default';
}

function withLabels(t: TemplateFacts, extra: Record<string, string>): TemplateFacts {
  return { ...t, labels: { ...t.labels, ...extra } };
}
