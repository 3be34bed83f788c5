// The cluster DNS every Service name goes through: kube-system/kube-dns (ClusterIP `.10`, 53/UDP
// `dns`, 53/TCP `dns-tcp`) and its CoreDNS pods (k8s-app=kube-dns). When the workspace declares
// neither (or a Service whose selector matches no pod), they are synthesized the way kubeadm sets
// them up: two CoreDNS replicas, given the highest free addresses of the first nodes' pod CIDRs so
// they never take an address a workspace pod has. Synthesized pods serve DNS traces and DNS lints
// only: they are in no topology pod list, so the matrix and the counts never see them.
import { podTemplateHash, safeSuffix } from '../cluster/names';
import { cidrSize, formatIPv4, parseCidr, parseIPv4 } from '../ipv4';
import type { ClusterNode, ContainerPort, Pod } from '../model';
import { podKey } from '../model';
import type { ClusterDns, Service, ServiceEndpoint } from './model';
import { serviceKey } from './model';

export const DNS_SERVICE = { namespace: 'kube-system', name: 'kube-dns' } as const;
export const DNS_LABELS = { 'k8s-app': 'kube-dns' } as const;
const COREDNS_REPLICAS = 2;
const COREDNS_PORTS: readonly ContainerPort[] = [
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
];

export const isDnsService = (s: Service): boolean => serviceKey(s) === serviceKey(DNS_SERVICE);

export function clusterDnsOf(
  declared: Service | undefined,
  pods: readonly Pod[],
  nodes: readonly ClusterNode[],
  dnsIP: string,
): ClusterDns {
  const declaredPods = (declared?.endpoints ?? []).flatMap((e) => (e.pod ? [e.pod] : []));
  if (declared && declaredPods.length) return { service: declared, pods: declaredPods, synthesized: false };
  const made = corednsPods(pods, nodes);
  const service = declared ?? synthesizedService(dnsIP);
  return {
    service: { ...service, endpoints: made.map((p) => endpointOf(service, p)) },
    pods: made,
    synthesized: true,
  };
}

function synthesizedService(clusterIP: string): Service {
  return {
    ...DNS_SERVICE,
    type: 'ClusterIP',
    clusterIP,
    clusterIPAllocated: true,
    headless: false,
    selector: DNS_LABELS,
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53, nodePortAllocated: false },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53, nodePortAllocated: false },
      { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153, nodePortAllocated: false },
    ],
    endpoints: [],
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    synthesized: true,
  };
}

function endpointOf(service: Service, pod: Pod): ServiceEndpoint {
  const targetPorts = service.ports.map((p) => {
    const target = typeof p.targetPort === 'number' ? p.targetPort : undefined;
    const c = pod.ports.find((c) =>
      target === undefined
        ? c.name === p.targetPort && c.protocol === p.protocol
        : c.containerPort === target,
    );
    return c ? c.containerPort : (target ?? null);
  });
  return { key: podKey(pod), ip: pod.ip, pod, nodeName: pod.nodeName, targetPorts };
}

/** Two CoreDNS replicas on the first nodes, each on the highest address no workspace pod uses. */
function corednsPods(pods: readonly Pod[], nodes: readonly ClusterNode[]): Pod[] {
  const used = new Set(pods.map((p) => p.ip));
  const hash = podTemplateHash('kube-system/coredns');
  const out: Pod[] = [];
  for (let i = 0; i < COREDNS_REPLICAS && nodes.length; i++) {
    const node = nodes[i % nodes.length]!;
    const ip = highestFree(node, used);
    if (!ip) continue;
    used.add(ip);
    out.push({
      namespace: DNS_SERVICE.namespace,
      name: `coredns-${hash}-${safeSuffix(`coredns/${i}`, 5)}`,
      labels: { ...DNS_LABELS, 'pod-template-hash': hash },
      nodeName: node.name,
      ip,
      ports: COREDNS_PORTS,
      owner: 'Deployment/coredns',
      ipAllocated: true,
      nodeAssigned: true,
      source: { file: '', span: { start: 0, end: 0 } },
    });
  }
  return out;
}

function highestFree(node: ClusterNode, used: ReadonlySet<string>): string | null {
  const cidr = parseCidr(node.podCIDR);
  if (!cidr) return null;
  for (let offset = cidrSize(cidr) - 2; offset > 1; offset--) {
    const ip = formatIPv4(cidr.base + offset);
    if (!used.has(ip) && parseIPv4(ip) !== undefined) return ip;
  }
  return null;
}
