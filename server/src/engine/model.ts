// The cluster model the engine reasons about: normalised, plain data built by topology.ts from the
// workspace's Kubernetes objects. Every element remembers where it was written (file + span) so
// editors can point at it.
import type { ManifestObject } from './parse/types';
import type { ServiceTopology } from './services/model';
import type { Protocol } from './types';
import type { Span } from './yamlTree';

export type Labels = Readonly<Record<string, string>>;

/** Where an element of the model came from. */
export interface SourceRef {
  file: string;
  span: Span;
}

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: readonly string[];
}

/** A metav1.LabelSelector. An empty selector (no labels, no expressions) selects everything. */
export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: readonly LabelSelectorRequirement[];
  source?: SourceRef;
}

export interface IPBlock {
  cidr: string;
  except: readonly string[];
  source?: SourceRef;
}

/** A NetworkPolicyPeer: podSelector and namespaceSelector together mean AND; ipBlock stands alone. */
export interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
  source?: SourceRef;
}

export interface PolicyPort {
  protocol: Protocol;
  /** A number, a named port, or undefined (every port of the protocol). */
  port?: number | string;
  endPort?: number;
  source?: SourceRef;
}

/** One ingress or egress rule. `peers` undefined = every peer; `ports` undefined = every port. */
export interface PolicyRule {
  peers?: readonly Peer[];
  ports?: readonly PolicyPort[];
  source?: SourceRef;
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicy {
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  policyTypes: readonly PolicyType[];
  /** True when `policyTypes` was omitted and defaulted (Ingress, plus Egress when egress rules exist). */
  policyTypesDefaulted: boolean;
  ingress: readonly PolicyRule[];
  egress: readonly PolicyRule[];
  source: SourceRef;
  object: ManifestObject;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
}

export interface Pod {
  namespace: string;
  name: string;
  labels: Labels;
  nodeName: string;
  ip: string;
  ports: readonly ContainerPort[];
  /** The workload that synthesised this pod (`Deployment/web`), if any. */
  owner?: string;
  /** True when the IP was allocated by the engine rather than read from `status.podIP`. */
  ipAllocated: boolean;
  /** True when the node was chosen by the engine rather than read from `spec.nodeName`. */
  nodeAssigned: boolean;
  source: SourceRef;
}

export interface ClusterNode {
  name: string;
  /** Position in the node list (0-based): gives flannel.1's address 10.244.N.0 and the MACs. */
  index: number;
  podCIDR: string;
  internalIP: string;
  labels: Labels;
  synthesized: boolean;
  source?: SourceRef;
}

export interface Namespace {
  name: string;
  /** Includes the automatic `kubernetes.io/metadata.name`. */
  labels: Labels;
  declared: boolean;
  source?: SourceRef;
}

export type FlannelBackend = 'vxlan' | 'host-gw';

export interface DataplaneConfig {
  /** flannel's `Network` (the cluster pod CIDR). */
  network: string;
  backend: FlannelBackend;
  /** Whether a policy engine enforces NetworkPolicies beside flannel (plain flannel does not). */
  enforcement: boolean;
  source?: SourceRef;
}

export interface Topology {
  namespaces: ReadonlyMap<string, Namespace>;
  nodes: readonly ClusterNode[];
  pods: readonly Pod[];
  policies: readonly NetworkPolicy[];
  dataplane: DataplaneConfig;
  /** Services, kube-proxy's view of them and the cluster DNS (absent in hand-made topologies). */
  services?: ServiceTopology;
  /** Workloads that run no pod (`replicas: 0`, a DaemonSet on no node), so a name of one gets an answer. */
  idleWorkloads?: readonly IdleWorkload[];
}

/** A controller of the workspace that creates no pod, and why. */
export interface IdleWorkload {
  /** Controller kind as the API spells it: `Deployment`, `StatefulSet`, … */
  kind: string;
  namespace: string;
  name: string;
  /** Why it runs no pod, to follow its name: "has 0 replicas", "matches no node". */
  reason: string;
}

export const podKey = (p: { namespace: string; name: string }): string => `${p.namespace}/${p.name}`;
