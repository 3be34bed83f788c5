// buildDataplane: the simulated network of the whole cluster, from the topology. Deterministic:
// every name, MAC and address follows from the topology alone.
import type { FlannelBackend, Topology } from '../model';
import type { Cidr } from '../ipv4';
import { parseCidr } from '../ipv4';
import { compareIPv4Text } from './addr';
import type { Dataplane, NodeNet, PodNet } from './network';
import type { NodeBase } from './nodes';
import { nodeBase } from './nodes';
import { placePods } from './pods';
import { masqueradeRules, nodeFdb, nodeNeighbours, nodeRoutes, renderTables } from './tables';

/** flannel's default `Network`, used when the configured one does not parse. */
const DEFAULT_NETWORK: Cidr = { base: 10 * 2 ** 24 + 244 * 2 ** 16, prefix: 16 };

export function buildDataplane(topology: Topology): Dataplane {
  const { backend, enforcement } = topology.dataplane;
  const network = parseCidr(topology.dataplane.network) ?? DEFAULT_NETWORK;
  const bases: NodeBase[] = [];
  const badNodes = new Map<string, string>();
  for (const node of topology.nodes) {
    const base = nodeBase(node, backend);
    if (typeof base === 'string') badNodes.set(node.name, base);
    else bases.push(base);
  }
  const { placed, unplaced } = placePods(topology.pods, bases, badNodes, network);
  const nodes = bases.map((base) => completeNode(base, bases, [...placed.values()], network, backend));
  return { backend, network, enforcement, nodes, pods: placed, unplaced };
}

function completeNode(
  base: NodeBase,
  all: readonly NodeBase[],
  pods: readonly PodNet[],
  network: Cidr,
  backend: FlannelBackend,
): NodeNet {
  const others = all.filter((n) => n !== base);
  const local = pods.filter((p) => p.node === base.name).sort((a, b) => compareIPv4Text(a.ip, b.ip));
  const routes = nodeRoutes(base, others, backend);
  const neighbours = nodeNeighbours(base, others, local);
  const fdb = nodeFdb(others, local);
  const masquerade = masqueradeRules(base, network);
  return {
    ...base,
    routes,
    neighbours,
    fdb,
    masquerade,
    pods: local,
    tables: renderTables({ routes, neighbours, fdb, masquerade }),
  };
}
