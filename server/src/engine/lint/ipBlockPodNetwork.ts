// An ipBlock that covers pod addresses: whether it matches traffic between pods is implementation-
// defined (ipBlock is meant for traffic entering or leaving the cluster, and pod IPs change).
// `0.0.0.0/0` (and `::/0`) is the idiom for "from/to anywhere" and is never reported: whoever writes
// it means every address, pods included, and every implementation agrees on that.
import { cidrContains, cidrsOverlap, formatCidr, parseCidr } from '../ipv4';
import type { Cidr } from '../ipv4';
import type { Fix } from '../types';
import { isSeq } from '../yamlTree';
import type { Lint, LintContext } from './context';
import { nodeAt, relatedAt, report, valueAt } from './context';
import { quickFix } from '../quickFix';
import { eachPeer } from './peers';

export const ipBlockPodNetwork: Lint = {
  info: {
    code: 'ipblock-overlaps-pod-network',
    severity: 'warning',
    title: 'ipBlock overlaps the pod network',
    help: "The ipBlock's range includes pod addresses (flannel's Network). How ipBlock applies to traffic between pods is implementation-defined, and pod IPs change; select pods with podSelector/namespaceSelector instead, or exclude the pod network with `except`.",
  },
  check(ctx) {
    const network = parseCidr(ctx.topology.dataplane.network);
    if (!network) return;
    const { source } = ctx.topology.dataplane;
    const named = source
      ? `the pod network ${formatCidr(network)}`
      : `the pod network ${formatCidr(network)} (assumed: flannel's default, as no kube-flannel-cfg ConfigMap declares it)`;
    for (const { peer } of eachPeer(ctx.policy)) {
      const block = peer.ipBlock;
      const cidr = block && parseCidr(block.cidr);
      if (!block || !cidr || cidr.prefix === 0 || !cidrsOverlap(cidr, network)) continue;
      const inside = cidr.prefix >= network.prefix ? cidr : network;
      const excepts = block.except.flatMap((x) => parseCidr(x) ?? []);
      if (excepts.some((x) => x.prefix <= inside.prefix && cidrContains(x, inside.base))) continue;
      const at = valueAt(ctx, block.source, 'cidr') ?? block.source?.span;
      if (!at) continue;
      const fix = cidr.prefix < network.prefix ? exceptFix(ctx, block.source!.span, network) : undefined;
      const advice = fix ? `, or exclude it with \`except: [${formatCidr(network)}]\`` : '';
      report(
        ctx,
        this,
        at,
        `ipBlock ${block.cidr} overlaps ${named}: whether it matches traffic between pods is implementation-defined (ipBlock is meant for traffic from or to outside the cluster, and pod IPs change). Select pods with podSelector/namespaceSelector instead${advice}.`,
        {
          ...(fix ? { fixes: [fix] } : {}),
          related: relatedAt(ctx, source, 'flannel network (net-conf.json)'),
        },
      );
    }
  },
};

/** Adds the pod network to `except` (only when it is a strict subset of the block, as the API requires). */
function exceptFix(
  ctx: LintContext,
  blockSpan: { start: number; end: number },
  network: Cidr,
): Fix | undefined {
  const block = nodeAt(ctx.obj.node, blockSpan);
  if (block?.kind !== 'map') return undefined;
  const except = block.pairs.find((p) => p.key === 'except');
  const text = formatCidr(network);
  return quickFix(`Exclude the pod network ${text} from this ipBlock`, () => [
    !except
      ? ctx.edit.addPair(block, 'except', [text])
      : isSeq(except.value) && except.value.items.length
        ? ctx.edit.appendItem(except.value, text)
        : ctx.edit.replaceEmptyPair(block, except, [text]),
  ]);
}
