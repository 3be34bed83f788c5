// buildDataplane: the simulated network of the whole cluster, from the topology. Deterministic:
// every name, MAC and address follows from the topology alone. dataplaneOf keeps it per snapshot.
import type { FlannelBackend, Topology } from '../model';
import type { Cidr } from '../ipv4';
import { cidrsOverlap, formatCidr, parseCidr } from '../ipv4';
import { compareIPv4Text } from './addr';
import type { Derived } from '../snapshot';
import { snapshotOf } from '../snapshot';
import type { Dataplane, NodeNet, PodNet } from './network';
import type { NodeBase } from './network';
import { nodeBase } from './nodes';
import { placePods } from './pods';
import { masqueradeRules, nodeFdb, nodeNeighbours, nodeRoutes, renderTables } from './tables';

/** flannel's default `Network`, used when the configured one does not parse. */
const DEFAULT_NETWORK: Cidr = { base: 10 * 2 ** 24 + 244 * 2 ** 16, prefix: 16 };

/** The dataplane of a topology (and with the synthesized CoreDNS pods), built once: traces only read it. */
const DATAPLANES: Derived<{ plain: Dataplane; withDns?: Dataplane }> = {
  derive: (topology) => ({ plain: buildDataplane(topology) }),
};

export function dataplaneOf(topology: Topology): { plain: Dataplane; withDns?: Dataplane } {
  return snapshotOf(topology).derived(DATAPLANES);
}

export function buildDataplane(topology: Topology): Dataplane {
  const { backend, enforcement } = topology.dataplane;
  const network = parseCidr(topology.dataplane.network) ?? DEFAULT_NETWORK;
  const bases: NodeBase[] = [];
  const badNodes = new Map<string, string>();
  for (const node of topology.nodes) {
    const base = nodeBase(node, backend);
    const problem = typeof base === 'string' ? base : conflict(base, bases);
    if (problem) badNodes.set(node.name, problem);
    else if (typeof base !== 'string') bases.push(base);
  }
  const { placed, unplaced } = placePods(topology.pods, bases, badNodes, network);
  const nodes = bases.map((base) => completeNode(base, bases, [...placed.values()], network, backend));
  return { backend, network, enforcement, nodes, pods: placed, unplaced };
}

/** Two nodes cannot share a pod subnet or an address: the later one is left out, as flannel would refuse it. */
function conflict(base: NodeBase, earlier: readonly NodeBase[]): string | null {
  for (const other of earlier) {
    if (cidrsOverlap(base.subnet, other.subnet))
      return `node ${base.name}'s podCIDR ${formatCidr(base.subnet)} overlaps ${other.name}'s ${formatCidr(other.subnet)}`;
    if (base.ip === other.ip)
      return `node ${base.name} has the same InternalIP as ${other.name} (${base.ip})`;
  }
  return null;
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
