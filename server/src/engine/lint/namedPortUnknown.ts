// A named port resolves against the destination pod's container ports; a name no destination pod
// declares (for that protocol) matches nothing.
import { podKey } from '../model';
import type { Lint } from './context';
import { report } from './context';
import { firstFew, portsToPods, whose } from './ports';

export const namedPortUnknown: Lint = {
  info: {
    code: 'named-port-unknown',
    severity: 'warning',
    title: 'Named port no pod declares',
    help: "A named port is resolved against the destination pod's container ports (name and protocol). No destination pod declares this name, so the port matches nothing. Use a declared name or a number.",
  },
  check(ctx) {
    for (const { port, node, direction, pods } of portsToPods(ctx, 'string')) {
      const name = String(port.port);
      const declares = (protocol?: string) =>
        pods.filter((p) => p.ports.some((c) => c.name === name && (!protocol || c.protocol === protocol)));
      if (declares(port.protocol).length) continue;
      const other = declares()[0];
      const otherProtocol = other?.ports.find((c) => c.name === name)?.protocol;
      const hint = other
        ? ` ${podKey(other)} declares \`${name}\` on ${otherProtocol}; set \`protocol: ${otherProtocol}\`.`
        : declaredNames(pods);
      report(
        ctx,
        this,
        node,
        `No ${whose(direction)} declares a ${port.protocol} container port named \`${name}\`, so this port matches nothing.${hint}`,
      );
    }
  },
};

function declaredNames(pods: readonly { ports: readonly { name?: string }[] }[]): string {
  const names = [...new Set(pods.flatMap((p) => p.ports.flatMap((c) => c.name ?? [])))].sort();
  if (!names.length) return ' They declare no named ports.';
  return ` Declared names: ${firstFew(names.map((n) => `\`${n}\``))}.`;
}
