// PLACEHOLDER until the topology lands; replaced wholesale.
import type { ManifestObject } from './documents';
import type { Topology } from './model';

export interface TopologyOptions {
  enforcement: boolean;
  nodeCount: number;
}

export function buildTopology(_objects: readonly ManifestObject[], options: TopologyOptions): Topology {
  return {
    namespaces: new Map(),
    nodes: [],
    pods: [],
    policies: [],
    dataplane: { network: '10.244.0.0/16', backend: 'vxlan', enforcement: options.enforcement },
  };
}
