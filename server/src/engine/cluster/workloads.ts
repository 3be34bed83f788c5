// Pods from the workspace: Pod objects as written, and the pods controllers would create from their
// templates (Deployment, ReplicaSet, ReplicationController, StatefulSet, Job, CronJob; DaemonSet once
// nodes are known), named the way those controllers name them.
import type { ManifestObject } from '../documents';
import type { ContainerPort, Labels, SourceRef } from '../model';
import type { Protocol } from '../types';
import { PROTOCOLS } from '../types';
import type { YNode } from '../yamlTree';
import { isMap, isScalar, isSeq, nodeAtPath, stringValue, valueOf } from '../yamlTree';
import { cronJobScheduleNumber, podTemplateHash, safeSuffix } from './names';

/** Upper bound on the pods one workload synthesises, so a typo in `replicas` cannot exhaust memory. */
export const MAX_REPLICAS = 10_000;

/** A pod before it has a node and an IP. */
export interface PodSeed {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ports: ContainerPort[];
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

interface Template {
  labels: Record<string, string>;
  spec: YNode | undefined;
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

export function podSeedsOf(
  objects: readonly ManifestObject[],
  namer: PodNamer,
): { pods: PodSeed[]; daemons: DaemonSeed[] } {
  const pods: PodSeed[] = [];
  const daemons: DaemonSeed[] = [];
  for (const obj of objects) if (obj.kind === 'Pod') pods.push(...podObject(obj, namer));
  for (const obj of objects) {
    if (!obj.kind || !obj.name) continue;
    if (REPLICATED.has(obj.kind)) pods.push(...replicated(obj, obj.name, namer));
    else if (obj.kind === 'Job') pods.push(...job(obj, obj.name, valueOf(obj.node, 'spec'), namer));
    else if (obj.kind === 'CronJob') pods.push(...cronJob(obj, obj.name, namer));
    else if (obj.kind === 'DaemonSet') daemons.push(daemon(obj, obj.name));
  }
  return { pods, daemons };
}

/** The DaemonSet's pod on one node. */
export function daemonPod(d: DaemonSeed, nodeName: string, namer: PodNamer): PodSeed {
  const name = namer.generate(d.template.namespace, (salt) => {
    return `${d.workload}-${safeSuffix(`${d.template.owner}/${nodeName}#${salt}`, 5)}`;
  });
  return { ...d.template, labels: { ...d.template.labels }, name, nodeName };
}

function podObject(obj: ManifestObject, namer: PodNamer): PodSeed[] {
  const meta = valueOf(obj.node, 'metadata');
  const namespace = namespaceOf(obj);
  const generateName = stringValue(valueOf(meta, 'generateName'));
  let name = obj.name;
  if (name) {
    if (!namer.claim(namespace, name)) return [];
  } else if (generateName) {
    name = namer.generate(
      namespace,
      (salt) => `${generateName}${safeSuffix(`${obj.file}#${obj.docIndex}#${salt}`, 5)}`,
    );
  } else return [];
  const spec = valueOf(obj.node, 'spec');
  const seed = seedOf(obj, { labels: labelsOf(valueOf(meta, 'labels')), spec }, name);
  const podIP = stringValue(nodeAtPath(obj.node, ['status', 'podIP']));
  if (podIP) seed.podIP = podIP;
  return [seed];
}

function replicated(obj: ManifestObject, workload: string, namer: PodNamer): PodSeed[] {
  const spec = valueOf(obj.node, 'spec');
  const template = templateOf(valueOf(spec, 'template'));
  const count = countOf(valueOf(spec, 'replicas'), 1);
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

function job(
  obj: ManifestObject,
  jobName: string,
  spec: YNode | undefined,
  namer: PodNamer,
  maxPods = MAX_REPLICAS,
): PodSeed[] {
  const template = templateOf(valueOf(spec, 'template'));
  const labelled = withLabels(template, { 'job-name': jobName, 'batch.kubernetes.io/job-name': jobName });
  const count = Math.min(maxPods, countOf(valueOf(spec, 'parallelism'), 1));
  const ns = namespaceOf(obj);
  const base = seedOf(obj, labelled, '');
  const out: PodSeed[] = [];
  for (let i = 0; i < count; i++) {
    const name = namer.generate(ns, (s) => `${jobName}-${safeSuffix(`Job/${ns}/${jobName}#${i}#${s}`, 5)}`);
    out.push({ ...base, name });
  }
  return out;
}

/** A CronJob's current run: one pod of one job. */
function cronJob(obj: ManifestObject, workload: string, namer: PodNamer): PodSeed[] {
  const jobSpec = nodeAtPath(obj.node, ['spec', 'jobTemplate', 'spec']);
  const jobName = `${workload}-${cronJobScheduleNumber(`${namespaceOf(obj)}/${workload}`)}`;
  return job(obj, jobName, jobSpec, namer, 1);
}

function daemon(obj: ManifestObject, workload: string): DaemonSeed {
  const template = templateOf(nodeAtPath(obj.node, ['spec', 'template']));
  return { template: seedOf(obj, template, ''), workload };
}

function seedOf(obj: ManifestObject, template: Template, name: string): PodSeed {
  const seed: PodSeed = {
    namespace: namespaceOf(obj),
    name,
    labels: { ...template.labels },
    ports: containerPortsOf(template.spec),
    nodeSelector: labelsOf(valueOf(template.spec, 'nodeSelector')),
    source: { file: obj.file, span: { start: obj.node.start, end: obj.node.end } },
  };
  if (obj.kind !== 'Pod') seed.owner = `${obj.kind}/${obj.name}`;
  const nodeName = stringValue(valueOf(template.spec, 'nodeName'));
  if (nodeName) seed.nodeName = nodeName;
  return seed;
}

function namespaceOf(obj: ManifestObject): string {
  return obj.namespace || 'default';
}

function templateOf(node: YNode | undefined): Template {
  return { labels: labelsOf(nodeAtPath(node, ['metadata', 'labels'])), spec: valueOf(node, 'spec') };
}

function withLabels(t: Template, extra: Record<string, string>): Template {
  return { labels: { ...t.labels, ...extra }, spec: t.spec };
}

export function labelsOf(node: YNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(node)) return out;
  for (const pair of node.pairs) {
    if (isScalar(pair.value) && pair.value.value !== null) out[pair.key] = String(pair.value.value);
  }
  return out;
}

function countOf(node: YNode | undefined, fallback: number): number {
  if (!isScalar(node) || typeof node.value !== 'number') return fallback;
  const n = node.value;
  return Number.isInteger(n) && n >= 0 ? Math.min(n, MAX_REPLICAS) : fallback;
}

function containerPortsOf(spec: YNode | undefined): ContainerPort[] {
  const containers = valueOf(spec, 'containers');
  if (!isSeq(containers)) return [];
  const out: ContainerPort[] = [];
  for (const c of containers.items) {
    const ports = valueOf(c, 'ports');
    if (isSeq(ports)) for (const p of ports.items) out.push(...containerPortOf(p));
  }
  return out;
}

function containerPortOf(node: YNode): ContainerPort[] {
  const portNode = valueOf(node, 'containerPort');
  if (!isScalar(portNode) || typeof portNode.value !== 'number') return [];
  const protocolText = stringValue(valueOf(node, 'protocol'));
  const protocol: Protocol = PROTOCOLS.find((p) => p === protocolText) ?? 'TCP';
  const port: ContainerPort = { containerPort: portNode.value, protocol };
  const name = stringValue(valueOf(node, 'name'));
  if (name) port.name = name;
  return [port];
}
