// What the topology reads from one Kubernetes object, extracted once per parse: its identity, and
// for the kinds the model knows (pods and workloads, nodes, namespaces, flannel's ConfigMap,
// NetworkPolicies) the few values it needs. The topology is built from these facts alone, so a file
// whose YAML tree is no longer kept still contributes its objects.
import type { ManifestObject } from '../parse/types';
import { formatCidr, parseCidr, parseIPv4 } from '../ipv4';
import type { ContainerPort, Labels, NetworkPolicy, SourceRef } from '../model';
import { policyFromObject } from '../policies';
import { labelValueOf } from '../selectors';
import type { Protocol } from '../types';
import { PROTOCOLS } from '../types';
import type { Span, YNode } from '../yamlTree';
import { isMap, isScalar, isSeq, nodeAtPath, stringValue, valueOf } from '../yamlTree';
import { FLANNEL_CONFIGMAP } from './flannel';
import type { EndpointSetFacts, ServiceFacts } from './serviceFacts';
import { endpointSliceFacts, endpointsFacts, serviceFacts } from './serviceFacts';

/** Upper bound on the pods one workload synthesises, so a typo in `replicas` cannot exhaust memory. */
export const MAX_REPLICAS = 10_000;

/** A pod template as the topology needs it: labels, ports and scheduling constraints. */
export interface TemplateFacts {
  labels: Labels;
  ports: readonly ContainerPort[];
  nodeSelector: Labels;
  nodeName?: string;
}

/** A Pod, or a controller that creates pods from a template. */
export interface WorkloadFacts {
  template: TemplateFacts;
  /** Pods the controller runs (`replicas`, a Job's `parallelism`); 1 for a Pod. */
  count: number;
  /** A Pod's `metadata.generateName`. */
  generateName?: string;
  /** A Pod's `status.podIP`. */
  podIP?: string;
}

export interface NodeFacts {
  labels: Labels;
  /** `spec.podCIDR`, normalised, when it parses. */
  podCIDR?: string;
  /** The first InternalIP address that parses. */
  internalIP?: string;
}

/** flannel's `net-conf.json`: the values as written (checked when the topology is built). */
export interface FlannelFacts {
  network?: unknown;
  backend?: unknown;
}

export interface ObjectFacts {
  file: string;
  docIndex: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** The object's map. */
  source: SourceRef;
  /** A NetworkPolicy's `metadata.name` value (where a duplicate definition is pointed at). */
  nameSpan?: Span;
  workload?: WorkloadFacts;
  node?: NodeFacts;
  /** A Namespace's `metadata.labels`. */
  namespaceLabels?: Labels;
  flannel?: FlannelFacts;
  policy?: NetworkPolicy;
  service?: ServiceFacts;
  /** An EndpointSlice's endpoints, or an Endpoints object's subsets. */
  endpointSets?: EndpointSetFacts[];
}

const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'StatefulSet',
  'Job',
  'CronJob',
  'DaemonSet',
]);

/**
 * One copy of each string: a file of 2,000 pods repeats the same label keys and values, namespaces
 * and node names thousands of times, and the facts of every closed file stay in memory.
 */
export class Interner {
  private readonly known = new Map<string, string>();

  intern(s: string): string {
    const known = this.known.get(s);
    if (known !== undefined) return known;
    this.known.set(s, s);
    return s;
  }
}

/** Shared by every object without labels (or node selector): facts are never changed. */
const NO_LABELS: Labels = Object.freeze({});

/** The facts of some objects (their strings interned together). */
export function factsOf(objects: readonly ManifestObject[]): ObjectFacts[] {
  const strings = new Interner();
  return objects.map((o) => extractFacts(o, strings));
}

export function extractFacts(obj: ManifestObject, strings: Interner = new Interner()): ObjectFacts {
  const facts: ObjectFacts = {
    file: obj.file,
    docIndex: obj.docIndex,
    source: { file: obj.file, span: { start: obj.node.start, end: obj.node.end } },
    // Room for the properties set below (a property added beyond a literal's costs a separate block).
    apiVersion: undefined,
    kind: undefined,
    name: undefined,
    namespace: undefined,
    workload: undefined,
  };
  if (obj.apiVersion !== undefined) facts.apiVersion = strings.intern(obj.apiVersion);
  if (obj.kind !== undefined) facts.kind = strings.intern(obj.kind);
  if (obj.name !== undefined) facts.name = obj.name;
  if (obj.namespace !== undefined) facts.namespace = strings.intern(obj.namespace);
  addKindFacts(facts, obj, new Reader(strings));
  return facts;
}

function addKindFacts(facts: ObjectFacts, obj: ManifestObject, read: Reader): void {
  const kind = obj.kind;
  if (kind === undefined) return;
  if (WORKLOAD_KINDS.has(kind)) facts.workload = workloadOf(obj, kind, read);
  else if (kind === 'Node') facts.node = nodeOf(obj, read);
  else if (kind === 'Namespace')
    facts.namespaceLabels = read.labels(nodeAtPath(obj.node, ['metadata', 'labels']));
  else if (kind === 'ConfigMap' && obj.name === FLANNEL_CONFIGMAP) facts.flannel = flannelOf(obj);
  else if (kind === 'NetworkPolicy') {
    const nameNode = nodeAtPath(obj.node, ['metadata', 'name']);
    if (nameNode) facts.nameSpan = { start: nameNode.start, end: nameNode.end };
    const policy = policyFromObject(obj);
    if (policy) facts.policy = policy;
  } else addServiceFacts(facts, obj, kind);
}

function addServiceFacts(facts: ObjectFacts, obj: ManifestObject, kind: string): void {
  if (kind === 'Service' && obj.apiVersion === 'v1') facts.service = serviceFacts(obj);
  else if (kind === 'Endpoints' && obj.apiVersion === 'v1') facts.endpointSets = endpointsFacts(obj);
  else if (kind === 'EndpointSlice' && obj.apiVersion === 'discovery.k8s.io/v1') {
    const slice = endpointSliceFacts(obj);
    if (slice) facts.endpointSets = [slice];
  }
}

/** Reads values out of a tree, strings interned. */
class Reader {
  constructor(private readonly strings: Interner) {}

  string(node: YNode | undefined): string | undefined {
    const s = stringValue(node);
    return s === undefined ? undefined : this.strings.intern(s);
  }

  labels(node: YNode | undefined): Labels {
    if (!isMap(node) || !node.pairs.length) return NO_LABELS;
    const out: Record<string, string> = {};
    // A label written without a value (`role:`) is the empty string, as kubectl sends it.
    for (const { key, value } of node.pairs) {
      const text = labelValueOf(value);
      if (text !== undefined) out[this.strings.intern(key)] = this.strings.intern(text);
    }
    return out;
  }
}

function workloadOf(obj: ManifestObject, kind: string, read: Reader): WorkloadFacts {
  const spec = valueOf(obj.node, 'spec');
  if (kind === 'Pod') {
    const meta = valueOf(obj.node, 'metadata');
    const template = templateOf(valueOf(meta, 'labels'), spec, read);
    const podIP = stringValue(nodeAtPath(obj.node, ['status', 'podIP']));
    // Literals with every property they will have: a property added later costs a separate block.
    const out: WorkloadFacts = podIP ? { template, count: 1, podIP } : { template, count: 1 };
    const generateName = read.string(valueOf(meta, 'generateName'));
    if (generateName) out.generateName = generateName;
    return out;
  }
  const jobSpec = kind === 'CronJob' ? nodeAtPath(spec, ['jobTemplate', 'spec']) : spec;
  const template = valueOf(jobSpec, 'template');
  const counted = kind === 'Job' || kind === 'CronJob' ? 'parallelism' : 'replicas';
  const count = Math.min(kind === 'CronJob' ? 1 : MAX_REPLICAS, countOf(valueOf(jobSpec, counted), 1));
  const labels = nodeAtPath(template, ['metadata', 'labels']);
  return { template: templateOf(labels, valueOf(template, 'spec'), read), count };
}

function templateOf(labels: YNode | undefined, spec: YNode | undefined, read: Reader): TemplateFacts {
  const facts = {
    labels: read.labels(labels),
    ports: containerPortsOf(spec, read),
    nodeSelector: read.labels(valueOf(spec, 'nodeSelector')),
    nodeName: read.string(valueOf(spec, 'nodeName')),
  };
  return facts;
}

function nodeOf(obj: ManifestObject, read: Reader): NodeFacts {
  const out: NodeFacts = { labels: read.labels(nodeAtPath(obj.node, ['metadata', 'labels'])) };
  const cidr = parseCidr(stringValue(nodeAtPath(obj.node, ['spec', 'podCIDR'])) ?? '');
  if (cidr) out.podCIDR = formatCidr(cidr);
  const ip = internalIPOf(valueOf(valueOf(obj.node, 'status'), 'addresses'));
  if (ip) out.internalIP = ip;
  return out;
}

function internalIPOf(addresses: YNode | undefined): string | undefined {
  if (!isSeq(addresses)) return undefined;
  for (const a of addresses.items) {
    const address = stringValue(valueOf(a, 'address'));
    if (stringValue(valueOf(a, 'type')) === 'InternalIP' && address && parseIPv4(address) !== undefined) {
      return address;
    }
  }
  return undefined;
}

function flannelOf(obj: ManifestObject): FlannelFacts {
  const text = stringValue(valueOf(valueOf(obj.node, 'data'), 'net-conf.json'));
  return text === undefined ? {} : (parseNetConf(text) ?? {});
}

/** `Network` and `Backend.Type` from net-conf.json; undefined when it is not a JSON object. */
function parseNetConf(text: string): FlannelFacts | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const rec = json as Record<string, unknown>;
  const backend = rec['Backend'];
  const type =
    typeof backend === 'object' && backend !== null
      ? (backend as Record<string, unknown>)['Type']
      : undefined;
  return { network: rec['Network'], backend: type };
}

function countOf(node: YNode | undefined, fallback: number): number {
  if (!isScalar(node) || typeof node.value !== 'number') return fallback;
  const n = node.value;
  return Number.isInteger(n) && n >= 0 ? Math.min(n, MAX_REPLICAS) : fallback;
}

const NO_PORTS: readonly ContainerPort[] = Object.freeze([]);

function containerPortsOf(spec: YNode | undefined, read: Reader): readonly ContainerPort[] {
  const containers = valueOf(spec, 'containers');
  if (!isSeq(containers)) return NO_PORTS;
  const out: ContainerPort[] = [];
  for (const c of containers.items) {
    const ports = valueOf(c, 'ports');
    if (isSeq(ports)) for (const p of ports.items) out.push(...containerPortOf(p, read));
  }
  // An exact-size copy: an array grown by push keeps room for 17 items (7 MB at 50,000 pods).
  return out.length ? out.slice() : NO_PORTS;
}

function containerPortOf(node: YNode, read: Reader): ContainerPort[] {
  const portNode = valueOf(node, 'containerPort');
  if (!isScalar(portNode) || typeof portNode.value !== 'number') return [];
  const protocolText = stringValue(valueOf(node, 'protocol'));
  const protocol: Protocol = PROTOCOLS.find((p) => p === protocolText) ?? 'TCP';
  const containerPort = portNode.value;
  const name = read.string(valueOf(node, 'name'));
  return [name ? { containerPort, protocol, name } : { containerPort, protocol }];
}
