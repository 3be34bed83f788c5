// ipBlocks that Services make meaningless. A block aimed at ClusterIPs never matches: kube-proxy
// DNATs to the endpoints before any policy check. And an ingress block for outside clients never
// matches the clients that come through a NodePort/LoadBalancer Service with externalTrafficPolicy
// Cluster: kube-proxy masquerades them to a node address on the way in.
import { cidrContains, cidrsOverlap, parseCidr, parseIPv4 } from '../ipv4';
import type { Cidr } from '../ipv4';
import type { IPBlock } from '../model';
import type { Service } from '../services';
import { serviceKey, servicesOf } from '../services';
import type { Lint } from './context';
import { relatedAt, report, valueAt } from './context';
import { eachPeer } from './peers';

const excepted = (block: IPBlock, ip: number): boolean =>
  block.except.some((x) => {
    const c = parseCidr(x);
    return c !== undefined && cidrContains(c, ip);
  });

function endpointsText(s: Service): string {
  const list = s.endpoints.slice(0, 3).map((e) => `${e.key} ${e.ip}`);
  if (!list.length) return 'it has no endpoints';
  return `its endpoints: ${list.join(', ')}${s.endpoints.length > 3 ? ', …' : ''}`;
}

export const ipBlockServiceIP: Lint = {
  info: {
    code: 'ipblock-service-ip',
    severity: 'warning',
    title: 'ipBlock names Service addresses',
    help: "An ipBlock inside the service CIDR (a ClusterIP, or the CIDR itself). kube-proxy rewrites a ClusterIP to one of the Service's endpoint pods (DNAT) before any policy check, so the block never matches traffic to the Service. Select the Service's pods with podSelector/namespaceSelector instead. Blocks wider than the service CIDR (such as 0.0.0.0/0) are not reported.",
  },
  check(ctx) {
    const services = servicesOf(ctx.topology);
    const serviceCidr = parseCidr(services.cidr);
    if (!serviceCidr) return;
    for (const { peer } of eachPeer(ctx.policy)) {
      const block = peer.ipBlock;
      const cidr = block && parseCidr(block.cidr);
      if (!block || !cidr || cidr.prefix < serviceCidr.prefix || !cidrsOverlap(cidr, serviceCidr)) continue;
      const at = valueAt(ctx, block.source, 'cidr') ?? block.source?.span;
      if (!at) continue;
      const hit = servicesIn(cidr, block, services.services);
      const verb = cidr.prefix === 32 ? 'is' : 'contains';
      const what = hit.length
        ? `${verb} the ClusterIP ${hit[0]!.clusterIP} of Service ${serviceKey(hit[0]!)}${hit.length > 1 ? ` (and ${hit.length - 1} more)` : ''}`
        : `is part of the service CIDR ${services.cidr}`;
      const instead = hit.length
        ? `: ${endpointsText(hit[0]!)}. Select those pods with a podSelector${hit[0]!.namespace === ctx.policy.namespace ? '' : ' and a namespaceSelector'} instead.`
        : '. Select the pods behind the Services with podSelector/namespaceSelector instead.';
      report(
        ctx,
        this,
        at,
        `ipBlock ${block.cidr} ${what}: kube-proxy rewrites ClusterIPs to endpoint pod addresses before any policy check, so this ipBlock never matches traffic to a Service${instead}`,
        hit[0] ? { related: relatedAt(ctx, hit[0].source, `Service ${serviceKey(hit[0])}`) } : {},
      );
    }
  },
};

/** The Services whose ClusterIP the block holds, those with endpoints first (the message names the first). */
function servicesIn(cidr: Cidr, block: IPBlock, services: readonly Service[]): Service[] {
  const inside = services.filter((s) => {
    const ip = s.clusterIP === null ? undefined : parseIPv4(s.clusterIP);
    return ip !== undefined && cidrContains(cidr, ip) && !excepted(block, ip);
  });
  return [...inside.filter((s) => s.endpoints.length), ...inside.filter((s) => !s.endpoints.length)];
}

export const ipBlockClientMasqueraded: Lint = {
  info: {
    code: 'ipblock-client-masqueraded',
    severity: 'warning',
    title: 'Client address masqueraded by a NodePort Service',
    help: 'An ingress ipBlock for addresses outside the cluster on pods behind a NodePort or LoadBalancer Service with externalTrafficPolicy Cluster. kube-proxy masquerades such clients to a node address on the way in, so the pods never see the client address and the block does not match them. Set `externalTrafficPolicy: Local` on the Service to keep client addresses.',
  },
  check(ctx) {
    const network = parseCidr(ctx.topology.dataplane.network);
    const serviceCidr = parseCidr(servicesOf(ctx.topology).cidr);
    /** Inside the pod network or the service CIDR: not outside clients (the latter is ipblock-service-ip's). */
    const inCluster = (cidr: Cidr): boolean =>
      [network, serviceCidr].some((c) => c !== undefined && cidrsOverlap(cidr, c) && cidr.prefix >= c.prefix);
    const selected = new Set(ctx.selected());
    const exposed = servicesOf(ctx.topology).services.find(
      (s) =>
        (s.type === 'NodePort' || s.type === 'LoadBalancer') &&
        s.externalTrafficPolicy === 'Cluster' &&
        s.endpoints.some((e) => e.pod && selected.has(e.pod)),
    );
    if (!exposed) return;
    for (const { peer, direction } of eachPeer(ctx.policy)) {
      const cidr = peer.ipBlock && parseCidr(peer.ipBlock.cidr);
      if (direction !== 'ingress' || !peer.ipBlock || !cidr || inCluster(cidr)) continue;
      const at = valueAt(ctx, peer.ipBlock.source, 'cidr') ?? peer.ipBlock.source?.span;
      if (!at) continue;
      report(
        ctx,
        this,
        at,
        `The pods this policy selects are behind ${exposed.type} Service ${serviceKey(exposed)} with externalTrafficPolicy Cluster: kube-proxy masquerades clients coming through it to a node address, so ipBlock ${peer.ipBlock.cidr} does not match them and they are dropped. Set \`externalTrafficPolicy: Local\` on ${serviceKey(exposed)} to keep client addresses (or allow the nodes' addresses).`,
        { related: relatedAt(ctx, exposed.source, `Service ${serviceKey(exposed)}`) },
      );
    }
  },
};
