// The Services of a topology and lookups over them, built once per topology snapshot on first use.
import type { Topology } from '../model';
import { snapshotOf } from '../snapshot';
import type { Derived } from '../snapshot';
import { buildServices } from './build';
import type { Service, ServiceTopology } from './model';
import { serviceKey } from './model';

export type * from './model';
export { DEFAULT_SERVICE_CIDR, NODE_PORT_RANGE, serviceKey, servicePortName } from './model';
export { targetPortOn } from './build';
export { DNS_SERVICE } from './dns';

export interface ServiceIndex extends ServiceTopology {
  byKey: ReadonlyMap<string, Service>;
  byClusterIP: ReadonlyMap<string, Service>;
}

/** The Service lookups, kept by each topology snapshot. */
const SERVICE_INDEX: Derived<ServiceIndex> = {
  derive(topology) {
    const base = topology.services ?? buildServices([], topology.pods, topology.nodes, undefined);
    return {
      ...base,
      byKey: new Map(base.services.map((s) => [serviceKey(s), s])),
      byClusterIP: new Map(base.services.flatMap((s) => (s.clusterIP ? [[s.clusterIP, s] as const] : []))),
    };
  },
};

/** The topology's Services (a hand-made topology without them gets only the synthesized cluster DNS). */
export function servicesOf(topology: Topology): ServiceIndex {
  return snapshotOf(topology).derived(SERVICE_INDEX);
}
