// What the topology reads from a Service (v1), an EndpointSlice (discovery.k8s.io/v1) and an
// Endpoints (v1): the values kube-proxy and cluster DNS act on, with the spans lints point at.
// Values are kept as written (a ClusterIP outside the service CIDR, a nodePort out of range): the
// service builder decides what they mean and the service lints say what is wrong with them.
import type { ManifestObject } from '../parse/types';
import type { Labels } from '../model';
import type { Protocol } from '../types';
import { PROTOCOLS } from '../types';
import type { Span, YNode } from '../yamlTree';
import { isMap, isScalar, isSeq, nodeAtPath, stringValue, valueOf } from '../yamlTree';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type TrafficPolicy = 'Cluster' | 'Local';

export interface ServicePortFacts {
  name?: string;
  port: number;
  protocol: Protocol;
  /** A number, a container port name, or undefined (= `port`). */
  targetPort?: number | string;
  nodePort?: number;
  span: Span;
  portSpan?: Span;
  targetPortSpan?: Span;
  nodePortSpan?: Span;
}

export interface ServiceFacts {
  type: ServiceType;
  /** `spec.clusterIP` as written (`None` for headless). */
  clusterIP?: string;
  clusterIPSpan?: Span;
  /** Undefined for a Service without a selector (its endpoints come from EndpointSlices/Endpoints). */
  selector?: Labels;
  selectorSpan?: Span;
  ports: ServicePortFacts[];
  externalName?: string;
  /** Where `spec.externalName` is written (even when empty). */
  externalNameSpan?: Span;
  externalTrafficPolicy: TrafficPolicy;
  internalTrafficPolicy: TrafficPolicy;
  nameSpan?: Span;
}

/** One address of an EndpointSlice or Endpoints object, with the ports it serves. */
export interface EndpointAddressFacts {
  ip: string;
  nodeName?: string;
  /** `targetRef` of kind Pod, as `ns/name`. */
  podRef?: string;
}

export interface EndpointPortFacts {
  name?: string;
  port: number;
  protocol: Protocol;
}

/** An EndpointSlice (owning Service from the `kubernetes.io/service-name` label) or an Endpoints subset. */
export interface EndpointSetFacts {
  service: string;
  addresses: EndpointAddressFacts[];
  ports: EndpointPortFacts[];
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

const spanOf = (n: YNode | undefined): Span | undefined => (n ? { start: n.start, end: n.end } : undefined);

function protocolOf(node: YNode | undefined): Protocol {
  const text = stringValue(node);
  return PROTOCOLS.find((p) => p === text) ?? 'TCP';
}

function intOf(node: YNode | undefined): number | undefined {
  return isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value)
    ? node.value
    : undefined;
}

function labelsOf(node: YNode | undefined): Labels {
  const out: Record<string, string> = {};
  if (isMap(node))
    for (const { key, value } of node.pairs)
      if (isScalar(value) && value.value !== null) out[key] = String(value.value);
  return out;
}

export function serviceFacts(obj: ManifestObject): ServiceFacts {
  const spec = valueOf(obj.node, 'spec');
  const typeText = stringValue(valueOf(spec, 'type'));
  const selectorNode = valueOf(spec, 'selector');
  const selector = isMap(selectorNode) && selectorNode.pairs.length ? labelsOf(selectorNode) : undefined;
  const ports = valueOf(spec, 'ports');
  const facts: ServiceFacts = {
    type: TYPES.find((t) => t === typeText) ?? 'ClusterIP',
    ports: isSeq(ports) ? ports.items.flatMap(servicePortOf) : [],
    externalTrafficPolicy: policyOf(valueOf(spec, 'externalTrafficPolicy')),
    internalTrafficPolicy: policyOf(valueOf(spec, 'internalTrafficPolicy')),
  };
  const clusterIP = valueOf(spec, 'clusterIP');
  const ipText = stringValue(clusterIP);
  if (ipText !== undefined && ipText !== '') {
    facts.clusterIP = ipText;
    facts.clusterIPSpan = spanOf(clusterIP)!;
  }
  if (selector) {
    facts.selector = selector;
    facts.selectorSpan = spanOf(selectorNode)!;
  }
  const externalNameNode = valueOf(spec, 'externalName');
  const externalName = stringValue(externalNameNode);
  if (externalName) facts.externalName = externalName;
  if (externalNameNode) facts.externalNameSpan = spanOf(externalNameNode)!;
  const nameSpan = spanOf(nodeAtPath(obj.node, ['metadata', 'name']));
  if (nameSpan) facts.nameSpan = nameSpan;
  return facts;
}

function policyOf(node: YNode | undefined): TrafficPolicy {
  return stringValue(node) === 'Local' ? 'Local' : 'Cluster';
}

function servicePortOf(node: YNode): ServicePortFacts[] {
  const portNode = valueOf(node, 'port');
  const port = intOf(portNode);
  if (port === undefined) return [];
  const out: ServicePortFacts = {
    port,
    protocol: protocolOf(valueOf(node, 'protocol')),
    span: spanOf(node)!,
  };
  out.portSpan = spanOf(portNode)!;
  const name = stringValue(valueOf(node, 'name'));
  if (name) out.name = name;
  const target = valueOf(node, 'targetPort');
  const targetValue = intOf(target) ?? stringValue(target);
  if (targetValue !== undefined && targetValue !== '') {
    out.targetPort = targetValue;
    out.targetPortSpan = spanOf(target)!;
  }
  const nodePortNode = valueOf(node, 'nodePort');
  const nodePort = intOf(nodePortNode);
  if (nodePort !== undefined && nodePort !== 0) {
    out.nodePort = nodePort;
    out.nodePortSpan = spanOf(nodePortNode)!;
  }
  return [out];
}

/** An EndpointSlice: its Service, addresses (ready or not: kube-proxy's readiness is not modelled) and ports. */
export function endpointSliceFacts(obj: ManifestObject): EndpointSetFacts | undefined {
  const service = stringValue(nodeAtPath(obj.node, ['metadata', 'labels', SERVICE_NAME_LABEL]));
  if (!service) return undefined;
  const endpoints = valueOf(obj.node, 'endpoints');
  const addresses = isSeq(endpoints)
    ? endpoints.items.flatMap((e) => {
        const ips = valueOf(e, 'addresses');
        const extra = addressExtras(e, stringValue(valueOf(e, 'nodeName')));
        return isSeq(ips) ? ips.items.flatMap((ip) => addressOf(stringValue(ip), extra)) : [];
      })
    : [];
  return { service, addresses, ports: endpointPortsOf(valueOf(obj.node, 'ports')) };
}

/** An Endpoints object: one set per subset, all for the Service of the same name. */
export function endpointsFacts(obj: ManifestObject): EndpointSetFacts[] {
  const subsets = valueOf(obj.node, 'subsets');
  if (!obj.name || !isSeq(subsets)) return [];
  return subsets.items.map((subset) => {
    const list = valueOf(subset, 'addresses');
    const addresses = isSeq(list)
      ? list.items.flatMap((a) =>
          addressOf(stringValue(valueOf(a, 'ip')), addressExtras(a, stringValue(valueOf(a, 'nodeName')))),
        )
      : [];
    return { service: obj.name!, addresses, ports: endpointPortsOf(valueOf(subset, 'ports')) };
  });
}

function addressExtras(node: YNode, nodeName: string | undefined): Omit<EndpointAddressFacts, 'ip'> {
  const ref = valueOf(node, 'targetRef');
  const out: Omit<EndpointAddressFacts, 'ip'> = {};
  if (nodeName) out.nodeName = nodeName;
  const name = stringValue(valueOf(ref, 'name'));
  const namespace = stringValue(valueOf(ref, 'namespace'));
  if (stringValue(valueOf(ref, 'kind')) === 'Pod' && name && namespace) out.podRef = `${namespace}/${name}`;
  return out;
}

function addressOf(ip: string | undefined, extra: Omit<EndpointAddressFacts, 'ip'>): EndpointAddressFacts[] {
  return ip ? [{ ip, ...extra }] : [];
}

function endpointPortsOf(node: YNode | undefined): EndpointPortFacts[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((p) => {
    const port = intOf(valueOf(p, 'port'));
    if (port === undefined) return [];
    const out: EndpointPortFacts = { port, protocol: protocolOf(valueOf(p, 'protocol')) };
    const name = stringValue(valueOf(p, 'name'));
    if (name) out.name = name;
    return [out];
  });
}
