// The same namespace/name defined twice: only the later definition (path order) takes effect.
import { podKey } from '../model';
import { policyDefinitions } from '../topology';
import type { Lint } from './context';
import { lineOf, nameNode, relatedAt, report } from './context';

export const duplicatePolicy: Lint = {
  info: {
    code: 'duplicate-policy',
    severity: 'warning',
    title: 'Policy defined twice',
    help: 'Another definition of the same NetworkPolicy (namespace and name) exists in the workspace. Applying both, the later one replaces the earlier; only the definition in the last file (path order) is in effect.',
  },
  check(ctx) {
    const defs = policyDefinitions(ctx.topology, ctx.policy);
    const name = nameNode(ctx.obj);
    const self = defs.findIndex((d) => d.file === ctx.obj.file && d.span.start === name.start);
    if (self < 0) return;
    const others = defs.filter((_, i) => i !== self);
    const key = podKey(ctx.policy);
    const winner = defs[defs.length - 1]!;
    const where = others.map((d) => lineOf(ctx, d)).join(', ');
    const message =
      self === defs.length - 1
        ? `NetworkPolicy ${key} is also defined at ${where}; this later definition is the one in effect.`
        : `NetworkPolicy ${key} is defined again at ${lineOf(ctx, winner)}, which replaces this definition (the later file wins).`;
    const related = others.flatMap((d) => relatedAt(ctx, d, `other definition of ${key}`));
    report(ctx, this, name, message, { related });
  },
};
