// traceConnection: one simulated packet from a pod to a pod, an address or a Service, hop by hop
// through the dataplane built from the topology, with the policy verdicts where they are enforced.
// This module picks the journey: to a pod or an address (journey.ts), to a Service with its DNS
// lookup first when it was named (toService.ts), or from a client outside the cluster through a
// nodePort (fromOutside.ts).
import type { Topology } from '../model';
import { servicesOf } from '../services';
import { dataplaneOf } from './build';
import { traceFromOutside } from './fromOutside';
import { connection } from './journey';
import type { Dataplane } from './network';
import { isOutsideClient } from './nodePort';
import { resolveRequest, resolveSource } from './resolve';
import { podOrServiceNote, serviceTarget } from './serviceTarget';
import { traceToService } from './toService';
import type { Trace, TraceError, TraceRequest } from './types';

export function traceConnection(topology: Topology, req: TraceRequest): Trace | TraceError {
  return traceInDataplane(dataplaneOf(topology).plain, topology, req);
}

export function isTraceError(result: Trace | TraceError): result is TraceError {
  return 'error' in result;
}

/** The same, on a dataplane the caller already built from this topology. */
export function traceInDataplane(dp: Dataplane, topology: Topology, req: TraceRequest): Trace | TraceError {
  if (isOutsideClient(dp, req.from)) return traceFromOutside(dp, topology, req);
  const source = resolveSource(dp, topology, req);
  if ('error' in source) return source;
  const src = source.placed;
  const target = serviceTarget(topology, req.to, src.pod.namespace);
  if (target && 'error' in target) return target;
  if (target) return traceToService(dp, topology, req, source, target);
  const viaNodePort = nodePortFromPod(dp, topology, req);
  if (viaNodePort) return viaNodePort;
  if (req.portName !== undefined)
    return {
      error: `a port name (--port ${req.portName}) needs a Service destination; give a pod the port number`,
      suggestions: [],
    };
  const resolved = resolveRequest(dp, topology, req);
  if ('error' in resolved) return resolved;
  const trace = connection(dp, topology, resolved, req, null);
  trace.notes = podOrServiceNote(
    topology,
    req.to,
    resolved.to,
    src.pod.namespace,
    resolved.workloads?.to?.workload ?? null,
  );
  return trace;
}

/** A pod sending to a node's nodePort: not modelled (the Service itself is what a pod should use). */
function nodePortFromPod(dp: Dataplane, topology: Topology, req: TraceRequest): TraceError | null {
  const node = dp.nodes.find((n) => n.ip === req.to.trim());
  const service =
    node &&
    servicesOf(topology).services.find((s) =>
      s.ports.some((p) => p.nodePort === req.port && p.protocol === req.protocol),
    );
  if (!node || !service) return null;
  return {
    error: `${req.to.trim()}:${req.port} is the nodePort of Service ${service.namespace}/${service.name}; a pod's traffic to a nodePort is not modelled: trace --to svc/${service.namespace}/${service.name} (its Service port) instead`,
    suggestions: [],
  };
}
