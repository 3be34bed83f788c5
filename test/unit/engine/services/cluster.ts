// The small shop of test/fixtures/dataplane with its Services (services.yaml), built by the real engine.
import { isTraceError, traceConnection } from '../../../../server/src/engine/dataplane';
import type { Trace, TraceError, TraceRequest } from '../../../../server/src/engine/dataplane';
import type { Topology } from '../../../../server/src/engine/model';
import { Workspace } from '../../../../server/src/engine/workspace';
import { readFixture } from '../../../helpers/paths';

export function shopWithServices(
  extra = '',
  options: { serviceCIDR?: string; services?: boolean } = {},
): Workspace {
  const ws = new Workspace(options.serviceCIDR ? { serviceCIDR: options.serviceCIDR } : {});
  for (const name of ['cluster-vxlan.yaml', 'pods.yaml', 'policies.yaml'])
    ws.setFile({ path: name, text: readFixture('dataplane', name) });
  if (options.services !== false)
    ws.setFile({ path: 'services.yaml', text: readFixture('dataplane', 'services.yaml') });
  if (extra) ws.setFile({ path: 'extra.yaml', text: extra });
  return ws;
}

export function trace(topology: Topology, req: Partial<TraceRequest> & { from: string; to: string }): Trace {
  const result = traceConnection(topology, { port: 5432, protocol: 'TCP', ...req });
  if (isTraceError(result)) throw new Error(`trace failed: ${result.error}`);
  return result;
}

export function traceError(
  topology: Topology,
  req: Partial<TraceRequest> & { from: string; to: string },
): TraceError {
  const result = traceConnection(topology, { port: 5432, protocol: 'TCP', ...req });
  if (!isTraceError(result)) throw new Error(`expected an error, got ${result.verdict}`);
  return result;
}
