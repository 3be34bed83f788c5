// Topologies for the dataplane tests, built by the real engine from test/fixtures/dataplane/.
import { readFixture } from '../../../helpers/paths';
import { isTraceError, traceConnection } from '../../../../server/src/engine/dataplane';
import type { Trace, TraceHop } from '../../../../server/src/engine/dataplane';
import type { Topology } from '../../../../server/src/engine/model';
import type { Protocol } from '../../../../server/src/engine/types';
import { Workspace } from '../../../../server/src/engine/workspace';

export interface ClusterOptions {
  /** The nodes and flannel config: a file of test/fixtures/dataplane (default cluster-vxlan.yaml). */
  cluster?: string;
  backend?: 'vxlan' | 'host-gw';
  enforcement?: boolean;
  /** Extra YAML documents (another file). */
  extra?: string;
}

export function shopCluster(options: ClusterOptions = {}): Topology {
  const ws = new Workspace({ enforcement: options.enforcement ?? true });
  const cluster = options.cluster ?? 'cluster-vxlan.yaml';
  const backend = (text: string) =>
    options.backend === 'host-gw' ? text.replace('"vxlan"', '"host-gw"') : text;
  ws.setFile({ path: cluster, text: backend(readFixture('dataplane', cluster)) });
  for (const name of ['pods.yaml', 'policies.yaml'])
    ws.setFile({ path: name, text: readFixture('dataplane', name) });
  if (options.extra) ws.setFile({ path: 'extra.yaml', text: options.extra });
  return ws.topology();
}

/** Runs a trace that must succeed (a TraceError fails the test). */
export function traceOk(
  topology: Topology,
  from: string,
  to: string,
  port: number,
  protocol: Protocol = 'TCP',
): Trace {
  const result = traceConnection(topology, { from, to, port, protocol });
  if (isTraceError(result)) throw new Error(`trace failed: ${result.error}`);
  return result;
}

export const steps = (t: Trace): (string | null)[] => t.hops.map((h) => h.step);
export const lastHop = (t: Trace): TraceHop => {
  const hop = t.hops.at(-1);
  if (!hop) throw new Error('trace without hops');
  return hop;
};
