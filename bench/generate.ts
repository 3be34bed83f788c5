// A seeded, deterministic generator of Kubernetes workspaces that are valid by construction: nodes,
// namespaces, pods (with node names, pod IPs and named container ports) and NetworkPolicies whose
// selectors match existing pods, whose ports are served by the pods they protect, and whose egress
// rules keep DNS open. Same spec, same bytes. Used by the benchmarks and by the hardening tests.

export interface WorkspaceSpec {
  seed: number;
  pods: number;
  policies: number;
  /** Application namespaces (default 8). */
  namespaces?: number;
  /** Distinct `app` label values (default 24). */
  apps?: number;
  /** Pods per generated pods file, to stay under the engine's file size limit (default 2,000). */
  podsPerFile?: number;
  /** Services in front of the pods (default none), in `services.yaml`. */
  services?: number;
  /**
   * Share of policies (0 to 1) written with mistakes an author makes (a typo in a selector, a port
   * name or a protocol, egress without DNS, an ipBlock over the pod network, an omitted policyTypes);
   * each draws findings. Default 0: a workspace with no finding at all. Drawn from a random stream
   * of its own, so the rest of the workspace is byte for byte the one without mistakes.
   */
  mistakes?: number;
}

export interface GeneratedFile {
  /** Relative path inside the workspace. */
  name: string;
  text: string;
}

export interface GeneratedWorkspace {
  files: GeneratedFile[];
  /** The policies file (also the last of `files`). */
  policies: GeneratedFile;
  nodes: number;
}

export interface Tier {
  name: string;
  port: number;
  portName: string;
}

/** Each tier serves one TCP port; a policy protecting a tier allows exactly that port. */
export const TIERS: readonly Tier[] = [
  { name: 'web', port: 80, portName: 'http' },
  { name: 'api', port: 8080, portName: 'api' },
  { name: 'db', port: 5432, portName: 'postgres' },
  { name: 'cache', port: 6379, portName: 'redis' },
];
const TRACKS = ['stable', 'canary'];
const TEAMS = ['red', 'blue', 'green'];
const PODS_PER_NODE = 200;
const MAX_NODES = 256;
const DNS_PODS = 2;

/** mulberry32: a tiny PRNG with a 32-bit state, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

interface PodInfo {
  namespace: string;
  app: string;
  tier: Tier;
}

export function generateWorkspace(spec: WorkspaceSpec): GeneratedWorkspace {
  const r = rng(spec.seed);
  const namespaces = Array.from({ length: spec.namespaces ?? 8 }, (_, i) => `team-${i}`);
  const apps = Array.from({ length: spec.apps ?? 24 }, (_, i) => `app-${i}`);
  const nodes = Math.max(1, Math.ceil((spec.pods + DNS_PODS) / PODS_PER_NODE));
  if (nodes > MAX_NODES) throw new Error(`at most ${MAX_NODES * PODS_PER_NODE - DNS_PODS} pods`);
  const pods = Array.from({ length: spec.pods }, (_, i): PodInfo => ({
    namespace: namespaces[i % namespaces.length]!,
    app: pick(r, apps),
    tier: pick(r, TIERS),
  }));
  const podDocs = [dnsPod(0, nodes), dnsPod(1, nodes)];
  pods.forEach((p, i) => podDocs.push(podDoc(p, i, nodes, r)));
  const files = [clusterFile(nodes, namespaces), ...chunk(podDocs, spec.podsPerFile ?? 2000)];
  if (spec.services) files.push({ name: 'services.yaml', text: servicesText(spec.services, pods) });
  const mistakes = spec.mistakes ? { share: spec.mistakes, r: rng(spec.seed * 7919 + 1) } : undefined;
  const policies = { name: 'policies.yaml', text: policiesText(spec.policies, pods, r, mistakes) };
  files.push(policies);
  return { files, policies, nodes };
}

function chunk(docs: readonly string[], perFile: number): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (let i = 0; i * perFile < docs.length; i++) {
    const name = `pods-${String(i).padStart(3, '0')}.yaml`;
    files.push({ name, text: docs.slice(i * perFile, (i + 1) * perFile).join('---\n') });
  }
  return files;
}

function clusterFile(nodes: number, namespaces: readonly string[]): GeneratedFile {
  const docs: string[] = [];
  for (let n = 0; n < nodes; n++) {
    docs.push(
      toYaml({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: `node-${n + 1}` },
        spec: { podCIDR: `10.244.${n}.0/24` },
        status: {
          addresses: [{ type: 'InternalIP', address: `192.168.${56 + (n >> 7)}.${(n % 128) + 11}` }],
        },
      }),
    );
  }
  namespaces.forEach((name) => {
    const labels = { team: teamOf(name) };
    docs.push(toYaml({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
  });
  docs.push(
    toYaml({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-flannel-cfg', namespace: 'kube-flannel' },
      data: { 'net-conf.json': '{"Network": "10.244.0.0/16", "Backend": {"Type": "vxlan"}}' },
    }),
  );
  return { name: 'cluster.yaml', text: docs.join('---\n') };
}

/** Namespace `team-i` carries the label team=TEAMS[i % 3]. */
function teamOf(namespace: string): string {
  return TEAMS[Number(namespace.slice('team-'.length)) % TEAMS.length]!;
}

/** Slot k runs on node k % nodes with host address k / nodes + 2 (.1 is the node's bridge). */
function placement(slot: number, nodes: number): { nodeName: string; podIP: string } {
  const node = slot % nodes;
  return { nodeName: `node-${node + 1}`, podIP: `10.244.${node}.${Math.floor(slot / nodes) + 2}` };
}

function dnsPod(i: number, nodes: number): string {
  const { nodeName, podIP } = placement(i, nodes);
  const ports = [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  ];
  return toYaml({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `coredns-${i}`, namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: { nodeName, containers: [{ name: 'coredns', image: 'coredns/coredns:1.11.1', ports }] },
    status: { podIP },
  });
}

function podDoc(p: PodInfo, i: number, nodes: number, r: Random): string {
  const { nodeName, podIP } = placement(i + DNS_PODS, nodes);
  const labels = { app: p.app, tier: p.tier.name, track: pick(r, TRACKS) };
  const ports = [{ name: p.tier.portName, containerPort: p.tier.port, protocol: 'TCP' }];
  return toYaml({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${p.app}-${p.tier.name}-${i}`, namespace: p.namespace, labels },
    spec: { nodeName, containers: [{ name: 'main', image: `registry.example/${p.app}:1.${i % 7}`, ports }] },
    status: { podIP },
  });
}

/**
 * Services as applications put them in front of their pods: each selects one app and tier of a
 * namespace and forwards its tier's port to the container port by name.
 */
function servicesText(count: number, pods: readonly PodInfo[]): string {
  if (count > 0 && pods.length === 0) throw new Error('Services need pods to select');
  const dns = toYaml({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system' },
    spec: {
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      ],
    },
  });
  const docs = Array.from({ length: count }, (_, i) => {
    const p = pods[i % pods.length]!;
    return toYaml({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${p.app}-${p.tier.name}-${i}`, namespace: p.namespace },
      spec: {
        selector: { app: p.app, tier: p.tier.name },
        ports: [{ name: p.tier.portName, port: p.tier.port, targetPort: p.tier.portName }],
      },
    });
  });
  return [dns, ...docs].join('---\n');
}

interface Mistakes {
  share: number;
  r: Random;
}

function policiesText(count: number, pods: readonly PodInfo[], r: Random, mistakes?: Mistakes): string {
  if (count > 0 && pods.length === 0) throw new Error('policies need pods to select');
  const byNamespace = new Map<string, PodInfo[]>();
  for (const p of pods) byNamespace.set(p.namespace, [...(byNamespace.get(p.namespace) ?? []), p]);
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const target = pick(r, pods);
    const written = policy(i, target, byNamespace.get(target.namespace)!, pods, r);
    if (mistakes && mistakes.r() < mistakes.share) makeMistakes(written, mistakes.r);
    docs.push(toYaml(written));
  }
  return docs.join('---\n');
}

type Yaml = string | number | boolean | Yaml[] | { [key: string]: Yaml };

function policy(
  i: number,
  target: PodInfo,
  neighbours: readonly PodInfo[],
  everyone: readonly PodInfo[],
  r: Random,
): Yaml {
  const egress = r() < 0.3;
  const spec: Record<string, Yaml> = {
    podSelector: targetSelector(target, r),
    policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'],
    ingress: Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({
      from: Array.from({ length: 1 + Math.floor(r() * 2) }, () => peer(neighbours, everyone, r)),
      ports: [port(target.tier, r)],
    })),
  };
  if (egress) {
    const to = pick(r, neighbours);
    spec.egress = [
      dnsRule(),
      { to: [{ podSelector: { matchLabels: { app: to.app } } }], ports: [port(to.tier, r)] },
    ];
  }
  const name = `${target.app}-${target.tier.name}-np-${i}`;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: target.namespace },
    spec,
  };
}

/** Always matches `target` itself: its app, sometimes its tier, sometimes an expression on track. */
function targetSelector(target: PodInfo, r: Random): Yaml {
  const selector: Record<string, Yaml> = { matchLabels: { app: target.app, tier: target.tier.name } };
  const roll = r();
  if (roll < 0.2) selector.matchLabels = { app: target.app };
  else if (roll < 0.4) selector.matchExpressions = [{ key: 'track', operator: 'In', values: [...TRACKS] }];
  else if (roll < 0.5) selector.matchExpressions = [{ key: 'tier', operator: 'Exists' }];
  return selector;
}

function peer(neighbours: readonly PodInfo[], everyone: readonly PodInfo[], r: Random): Yaml {
  const roll = r();
  if (roll < 0.45) return { podSelector: { matchLabels: { app: pick(r, neighbours).app } } };
  if (roll < 0.75) {
    const q = pick(r, everyone);
    return {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': q.namespace } },
      podSelector: { matchLabels: { app: q.app, tier: q.tier.name } },
    };
  }
  if (roll < 0.9)
    return { namespaceSelector: { matchLabels: { team: teamOf(pick(r, everyone).namespace) } } };
  // Clients outside the cluster (ipBlock is for those; the pod network would draw a lint).
  return { ipBlock: { cidr: '172.16.0.0/12', except: [`172.16.${Math.floor(r() * 256)}.0/24`] } };
}

function port(tier: Tier, r: Random): Yaml {
  const roll = r();
  if (roll < 0.5) return { protocol: 'TCP', port: tier.port };
  if (roll < 0.8) return { port: tier.portName };
  return { protocol: 'TCP', port: tier.port, endPort: tier.port + 10 };
}

type YamlMap = { [key: string]: Yaml };

/** One to three of the mistakes below, each found by the engine (a lint or a validation error). */
function makeMistakes(written: Yaml, r: Random): void {
  const spec = (written as YamlMap).spec as YamlMap;
  const count = 1 + Math.floor(r() * 3);
  for (let k = 0; k < count; k++) pick(r, MISTAKES)(spec, r);
}

const MISTAKES: readonly ((spec: YamlMap, r: Random) => void)[] = [
  // A label value nobody carries: the policy selects no pod.
  (spec) => {
    const labels = (spec.podSelector as YamlMap).matchLabels as YamlMap;
    labels.app = `${String(labels.app)}-old`;
  },
  // A port name no container declares.
  (spec) => {
    const ports = ((spec.ingress as Yaml[])[0] as YamlMap).ports as YamlMap[];
    ports[0] = { port: 'htpp' };
  },
  // Protocol in lower case (the API server rejects it; a quick fix writes TCP).
  (spec) => {
    const ports = ((spec.ingress as Yaml[])[0] as YamlMap).ports as YamlMap[];
    ports[0] = { ...ports[0], protocol: 'tcp' };
  },
  // Egress restricted without the DNS rule.
  (spec) => {
    spec.policyTypes = ['Ingress', 'Egress'];
    spec.egress = [
      { to: [{ podSelector: { matchLabels: { app: 'app-1' } } }], ports: [{ protocol: 'TCP', port: 443 }] },
    ];
  },
  // An ipBlock over the pod network (pods are matched by selectors, not by their addresses).
  (spec, r) => {
    const rule = (spec.ingress as Yaml[])[0] as YamlMap;
    rule.from = [...(rule.from as Yaml[]), { ipBlock: { cidr: `10.244.${Math.floor(r() * 8)}.0/24` } }];
  },
  // policyTypes left out while egress rules are written.
  (spec) => {
    if (spec.egress) delete spec.policyTypes;
    else spec.podSelector = { matchLabels: { app: 'nobody' } };
  },
];

function dnsRule(): Yaml {
  return {
    to: [
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      },
    ],
    ports: [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
  };
}

/** Block-style YAML as kubectl writes it. Generated strings are plain-safe except JSON, which is quoted. */
export function toYaml(value: Yaml, indent = 0): string {
  return lines(value, indent).join('\n') + '\n';
}

function scalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z0-9][A-Za-z0-9._/:-]*$/.test(v) ? v : JSON.stringify(v);
}

function lines(value: Yaml, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) return value.flatMap((item) => itemLines(item, indent));
  if (typeof value !== 'object') return [pad + scalar(value)];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'object') out.push(`${pad}${scalar(k)}: ${scalar(v)}`);
    else if (Array.isArray(v) && v.length === 0) out.push(`${pad}${scalar(k)}: []`);
    else out.push(`${pad}${scalar(k)}:`, ...lines(v, indent + 2));
  }
  return out;
}

/** A sequence item: `- ` replaces the first two spaces of the item's first line. */
function itemLines(item: Yaml, indent: number): string[] {
  const inner = lines(item, indent + 2);
  inner[0] = `${' '.repeat(indent)}- ${inner[0]!.slice(indent + 2)}`;
  return inner;
}
