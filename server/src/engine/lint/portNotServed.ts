// A numeric port (or range) that no destination pod declares as a container port. Information only:
// declaring container ports is optional, so the lint speaks only when every destination pod does.
import { admitsContainerPort } from '../reachability';
import type { Lint } from './context';
import { report } from './context';
import { describePort } from '../describe';
import { firstFew, portsToPods, whose } from './ports';
import { servicePortMismatch } from './servicePorts';

export const portNotServed: Lint = {
  info: {
    code: 'port-not-served',
    severity: 'information',
    title: 'Port no pod serves',
    help: "No destination pod declares a container port this numeric port (or range) covers, although every one of them declares its ports. The rule probably names the wrong port (a Service port instead of the pod's targetPort?).",
  },
  check(ctx) {
    for (const { port, node, direction, pods } of portsToPods(ctx, 'number')) {
      if (pods.some((p) => p.ports.length === 0)) continue;
      if (pods.some((p) => p.ports.some((c) => admitsContainerPort(port, c)))) continue;
      // service-port-not-target-port says more: the port is a Service's, the pods serve its targetPort.
      if (servicePortMismatch(ctx.topology, port, pods)) continue;
      const declared = [
        ...new Set(pods.flatMap((p) => p.ports.map((c) => `${c.protocol} ${c.containerPort}`))),
      ];
      report(
        ctx,
        this,
        node,
        `No ${whose(direction)} declares container port ${describePort(port)} (they declare ${firstFew(declared)}).`,
      );
    }
  },
};
