// Services as kube-proxy and cluster DNS see them (DESIGN.md "Services, kube-proxy and cluster DNS"):
// a ClusterIP (given or allocated from the service CIDR), ports with their targetPort resolved per
// endpoint, nodePorts, and the endpoints (pods matching the selector, or the addresses of
// EndpointSlices/Endpoints for a Service without one). Plain data, built once per cluster.
import type { ServiceType, TrafficPolicy } from '../cluster/serviceFacts';
import type { Labels, Pod, SourceRef } from '../model';
import type { Protocol } from '../types';

export type { ServiceType, TrafficPolicy } from '../cluster/serviceFacts';

export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_RANGE = { low: 30000, high: 32767 } as const;

export interface ServicePort {
  name?: string;
  port: number;
  protocol: Protocol;
  /** As written: a number or a container port name (defaulted to `port`). */
  targetPort: number | string;
  /** For NodePort and LoadBalancer Services: given, or allocated in NODE_PORT_RANGE. */
  nodePort?: number;
  nodePortAllocated: boolean;
  source?: SourceRef;
}

export interface ServiceEndpoint {
  /** `ns/pod` when the address is a pod's, else the address. */
  key: string;
  ip: string;
  pod?: Pod;
  nodeName?: string;
  /** Per Service port (same index): the port the endpoint serves it on, or null when it serves none. */
  targetPorts: readonly (number | null)[];
}

export interface Service {
  namespace: string;
  name: string;
  type: ServiceType;
  /** Null for headless and ExternalName Services. */
  clusterIP: string | null;
  clusterIPAllocated: boolean;
  headless: boolean;
  /** Undefined for a Service without a selector. */
  selector?: Labels;
  ports: readonly ServicePort[];
  endpoints: readonly ServiceEndpoint[];
  externalName?: string;
  externalTrafficPolicy: TrafficPolicy;
  internalTrafficPolicy: TrafficPolicy;
  /** True for the cluster DNS Service the engine made up because the workspace declares none. */
  synthesized: boolean;
  source?: SourceRef;
}

/** The cluster DNS: kube-system/kube-dns and its CoreDNS pods, declared or synthesized. */
export interface ClusterDns {
  service: Service;
  /** The CoreDNS pods; synthesized ones are in no topology pod list. */
  pods: readonly Pod[];
  /** Whether the Service, the pods, or both were made up (never listed as workspace pods). */
  synthesized: boolean;
}

export interface ServiceTopology {
  cidr: string;
  /** Every Service of the workspace, by namespace/name. */
  services: readonly Service[];
  dns: ClusterDns;
}

export const serviceKey = (s: { namespace: string; name: string }): string => `${s.namespace}/${s.name}`;

/** `data/postgres:postgres`, kube-proxy's ServicePortName (the port name only when it has one). */
export const servicePortName = (s: Service, p: ServicePort): string =>
  `${serviceKey(s)}${p.name ? `:${p.name}` : ''}`;
