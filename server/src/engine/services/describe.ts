// What a hover on a Service says: its address, its endpoints (pod, node, IP:targetPort) and, per
// port, which pods may reach it under the current policies, grouped by the rule that lets them in.
// Policies see the connection after kube-proxy's DNAT, so reachability is judged against the first
// endpoint on its targetPort (endpoints of one Service normally share labels and ports), once per
// equivalence class of sources with the class verdicts (exact for every pod of the class, and the
// same rules evaluateConnection would list), not pod by pod.
import type { Pod, Topology } from '../model';
import { podKey } from '../model';
import type { Service, ServicePort } from './model';
import { serviceKey } from './model';
import type { ReachClasses } from './reachClasses';
import { firstMembers, reachClasses } from './reachClasses';

/** How many pods a reason lists by name. */
const FIRST_FEW = 3;

export interface EndpointLine {
  key: string;
  node: string | null;
  /** `ip:targetPort`. */
  address: string;
}

export interface ReachGroup {
  /** `shop/db-ingress ingress rule 1`, or why nothing isolates the endpoint. */
  reason: string;
  count: number;
  first: string[];
}

export interface PortReach {
  port: ServicePort;
  endpoints: EndpointLine[];
  /** Pods (other than the endpoints) allowed to connect, and how many were judged. */
  allowed: number;
  total: number;
  groups: ReachGroup[];
}

export interface ServiceDescription {
  service: Service;
  name: string;
  ports: PortReach[];
}

export function describeService(topology: Topology, service: Service, onlyPort?: number): ServiceDescription {
  const ports = service.ports
    .map((port, index) => ({ port, index }))
    .filter(({ index }) => onlyPort === undefined || index === onlyPort)
    .map(({ port, index }) => portReach(topology, service, port, index));
  return { service, name: serviceKey(service), ports };
}

function portReach(topology: Topology, service: Service, port: ServicePort, index: number): PortReach {
  const serving = service.endpoints.filter((e) => e.targetPorts[index] !== null);
  const endpoints = serving.map((e) => ({
    key: e.key,
    node: e.nodeName ?? null,
    address: `${e.ip}:${e.targetPorts[index]}`,
  }));
  const first = serving.find((e) => e.pod);
  if (!first?.pod) return { port, endpoints, allowed: 0, total: 0, groups: [] };
  const target = first.pod;
  const targetPort = first.targetPorts[index]!;
  const behind = new Set(serving.flatMap((e) => (e.pod ? [e.pod] : [])));
  const rc = reachClasses(topology, targetPort, port.protocol);
  const t = rc.classOfPod.get(target);
  // Endpoints are the topology's pods; a hand-made topology that dropped its pods has nothing to judge.
  if (t === undefined) return { port, endpoints, allowed: 0, total: 0, groups: [] };
  const behindIn = new Map<number, number>();
  for (const pod of behind) {
    const id = rc.classOfPod.get(pod);
    if (id !== undefined) behindIn.set(id, (behindIn.get(id) ?? 0) + 1);
  }
  const groups = new Map<string, ReachGroup>();
  let [allowed, total] = [0, 0];
  for (const c of rc.classes) {
    const count = rc.members[c.id]!.count - (behindIn.get(c.id) ?? 0);
    if (count <= 0) continue;
    total += count;
    if (!rc.verdicts.allows(c.id, t)) continue;
    allowed += count;
    const g = groupOf(groups, reasonOf(rc, c.id, t, target));
    g.count += count;
    // Names only while the group lacks them: the first few non-endpoints of the class.
    if (g.first.length < FIRST_FEW)
      for (const pod of firstMembers(rc, c.id, behind, FIRST_FEW - g.first.length)) g.first.push(podKey(pod));
  }
  return { port, endpoints, allowed, total, groups: [...groups.values()] };
}

function groupOf(groups: Map<string, ReachGroup>, reason: string): ReachGroup {
  let g = groups.get(reason);
  if (!g) groups.set(reason, (g = { reason, count: 0, first: [] }));
  return g;
}

/** The ingress rules that let the source in (egress is the source's own and varies by source). */
function reasonOf(rc: ReachClasses, src: number, dst: number, target: Pod): string {
  if (!rc.verdicts.isolating('ingress', dst).length)
    return `no policy isolates ${podKey(target)} for ingress`;
  const rules = rc.verdicts
    .ingressRules(src, dst)
    .map((a) => `${podKey(a.policy)} ingress rule ${a.ruleIndex + 1}`);
  return [...new Set(rules)].join(', ');
}
