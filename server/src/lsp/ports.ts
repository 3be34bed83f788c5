// Which pods serve a policy port: container ports of the same protocol, by number, range or name.
import type { Pod, PolicyPort } from '../engine/model';

export interface Serving {
  pod: Pod;
  /** The matching container ports, as `name 5432/TCP`. */
  ports: string[];
}

export function podsServing(pods: readonly Pod[], port: PolicyPort): Serving[] {
  const out: Serving[] = [];
  for (const pod of pods) {
    const ports = pod.ports
      .filter((c) => c.protocol === port.protocol && servesPort(c.containerPort, c.name, port))
      .map((c) => `${c.name ? `${c.name} ` : ''}${c.containerPort}/${c.protocol}`);
    if (ports.length) out.push({ pod, ports });
  }
  return out;
}

function servesPort(number: number, name: string | undefined, port: PolicyPort): boolean {
  if (port.port === undefined) return true;
  if (typeof port.port === 'string') return name === port.port;
  return port.endPort === undefined ? number === port.port : number >= port.port && number <= port.endPort;
}
