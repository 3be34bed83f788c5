// A namespaceSelector that no namespace satisfies: a label no namespace carries (remember that
// namespaces are matched by their own labels, e.g. the automatic kubernetes.io/metadata.name).
import { describeSelector } from '../selectors';
import { whyNoMatch } from '../matching';
import type { Lint } from './context';
import { describesPods, nodeAt, relatedAt, report } from './context';
import {
  closestNamespace,
  eachPeer,
  namespaceSelectorMatchesNone,
  targetsUnmodelledSystemNamespace,
} from './peers';

export const namespaceSelectorUnknown: Lint = {
  info: {
    code: 'namespace-selector-matches-nothing',
    severity: 'warning',
    title: 'namespaceSelector matches no namespace',
    help: 'A namespaceSelector requires labels no namespace of the workspace carries, so the peer allows nothing. Namespaces are matched by their own labels (every namespace has kubernetes.io/metadata.name=<name>), not by the labels of their pods.',
  },
  check(ctx) {
    if (!describesPods(ctx.topology)) return;
    const namespaces = [...ctx.topology.namespaces.values()];
    for (const { peer } of eachPeer(ctx.policy)) {
      const sel = peer.namespaceSelector;
      if (!sel?.source || !namespaceSelectorMatchesNone(ctx.topology, peer)) continue;
      if (targetsUnmodelledSystemNamespace(ctx.topology, peer)) continue;
      const reason = whyNoMatch('namespace', '', namespaces, sel);
      const closest = closestNamespace(ctx.topology, peer);
      const hint = closest
        ? ` The closest is namespace ${closest.name} (${describeSelector({ matchLabels: closest.labels, matchExpressions: [] })}).`
        : '';
      const at = nodeAt(ctx.obj.node, sel.source.span) ?? sel.source.span;
      report(ctx, this, at, `This namespaceSelector matches no namespace: ${reason}.${hint}`, {
        related: closest ? relatedAt(ctx, closest.source, `namespace ${closest.name}`) : [],
      });
    }
  },
};
