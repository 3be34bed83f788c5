// Which pods serve a policy port: container ports of the same protocol, by number, range or name.
import type { Pod, PolicyPort } from '../model';
import { admitsContainerPort } from '../reachability';

export interface Serving {
  pod: Pod;
  /** The matching container ports, as `name 5432/TCP`. */
  ports: string[];
}

export function podsServing(pods: readonly Pod[], port: PolicyPort): Serving[] {
  const out: Serving[] = [];
  for (const pod of pods) {
    const ports = pod.ports
      .filter((c) => admitsContainerPort(port, c))
      .map((c) => `${c.name ? `${c.name} ` : ''}${c.containerPort}/${c.protocol}`);
    if (ports.length) out.push({ pod, ports });
  }
  return out;
}
