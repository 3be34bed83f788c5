// A `from`/`to` peer whose selectors match no pod allows nothing: usually a label typo.
import { matchPeer, peerMatchesSomePod } from '../matching';
import type { Peer } from '../model';
import type { Lint, LintContext } from './context';
import { describesPods, nodeAt, report } from './context';
import { eachPeer, namespaceSelectorMatchesNone, targetsUnmodelledSystemNamespace } from './peers';

export const peerSelectsNothing: Lint = {
  info: {
    code: 'peer-selects-nothing',
    severity: 'warning',
    title: 'Peer matches no pod',
    help: 'A podSelector/namespaceSelector peer of an ingress or egress rule matches no pod in the workspace, so it allows nothing. The message says which label no pod has; fix the selector or the pod labels.',
  },
  check(ctx) {
    if (!describesPods(ctx.topology)) return;
    for (const { peer } of eachPeer(ctx.policy)) {
      if (peer.ipBlock || !peer.source || targetsUnmodelledSystemNamespace(ctx.topology, peer)) continue;
      if (namespaceSelectorMatchesNone(ctx.topology, peer)) continue;
      if (peerMatchesSomePod(ctx.topology, ctx.policy.namespace, peer)) continue;
      const m = matchPeer(ctx.topology, ctx.policy.namespace, peer);
      report(ctx, this, rangeOf(ctx, peer), `This peer matches no pod, so it allows nothing: ${m.reason}.`);
    }
  },
};

/** The podSelector when the namespaces matched but no pod did, else the whole peer. */
function rangeOf(ctx: LintContext, peer: Peer): { start: number; end: number } {
  const target = peer.podSelector?.source ?? peer.source!;
  return nodeAt(ctx.obj.node, target.span) ?? target.span;
}
