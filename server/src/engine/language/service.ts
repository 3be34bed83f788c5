// A cursor in a Service manifest: on its kind or name, its selector or one of its ports, the hover
// speaks about the Service (describeService); elsewhere in it, nothing is said about it.
import { servicesOf } from '../services';
import type { ServiceDescription } from '../services/describe';
import { describeService } from '../services/describe';
import type { Topology } from '../model';
import type { YNode } from '../yamlTree';
import type { Cursor } from './cursor';

export interface ServiceFacts {
  kind: 'service';
  /** The object's kind as written (`Service`). */
  objectKind: string;
  description: ServiceDescription;
}

/** What the model says about the Service part under the cursor, and the node the hover spans. */
export function serviceFactsAt(
  c: Cursor,
  topology: Topology,
): { facts: ServiceFacts; node: YNode } | undefined {
  if (c.object.kind !== 'Service') return undefined;
  const service = servicesOf(topology).byKey.get(`${c.object.namespace || 'default'}/${c.object.name ?? ''}`);
  if (!service) return undefined;
  const k = c.keys;
  const onName = k.join('.') === 'kind' || k.join('.') === 'metadata.name';
  const onSelector = k[0] === 'spec' && k[1] === 'selector';
  const onPort = k[0] === 'spec' && k[1] === 'ports' && typeof k[2] === 'number';
  if (!onName && !onSelector && !onPort) return undefined;
  const port = onPort ? (k[2] as number) : undefined;
  const node = onPort ? c.steps[3]!.node : c.steps[c.steps.length - 1]!.node;
  const facts: ServiceFacts = {
    kind: 'service',
    objectKind: c.object.kind,
    description: describeService(topology, service, port),
  };
  return { facts, node };
}
