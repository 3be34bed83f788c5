// Traces for the webview tests: real ones from the engine over the sample workspace, and synthetic
// clusters of any size for the layout.
import fs from 'node:fs';
import path from 'node:path';
import { traceConnection } from '../../server/src/engine/dataplane';
import type { Trace, TraceHop, TraceRequest } from '../../server/src/engine/dataplane/types';
import { Workspace } from '../../server/src/engine/workspace';
import type { DiagramNode } from '../../media/src/diagram/layout';
import { samplesDir, seedSample } from './paths';

export function sampleTrace(
  request: TraceRequest,
  policies = 'seed-policies-fixed.yaml',
  enforcement = true,
): Trace {
  const ws = new Workspace({ enforcement });
  for (const f of ['cluster.yaml', 'pods.yaml', policies]) {
    ws.setFile({ path: path.join(samplesDir, f), text: fs.readFileSync(seedSample(f), 'utf8') });
  }
  const result = traceConnection(ws.topology(), request);
  if ('error' in result) throw new Error(result.error);
  return result;
}

/** A trace over a workspace given as file texts (generated clusters, samples/shop). */
export function traceIn(files: { path: string; text: string }[], request: TraceRequest): Trace {
  const ws = new Workspace({ enforcement: true });
  for (const f of files) ws.setFile(f);
  const result = traceConnection(ws.topology(), request);
  if ('error' in result) throw new Error(result.error);
  return result;
}

/** samples/shop's YAML files. */
export function shopFiles(): { path: string; text: string }[] {
  const dir = path.join(samplesDir, '..', 'shop');
  return fs
    .readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') }));
}

/** In samples/shop: storefront web → catalog on TCP 8080, delivered across nodes (node-b → node-a). */
export const shopWebToCatalog = (): Trace =>
  traceIn(shopFiles(), {
    from: 'storefront/web-5hw8bthfzp-29sp8',
    to: 'storefront/catalog-w96rwp5fpn-4k95m',
    port: 8080,
    protocol: 'TCP',
  });

export const webToDb = (): Trace =>
  sampleTrace({ from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' });
export const backendToDb = (): Trace =>
  sampleTrace({ from: 'default/backend', to: 'default/db', port: 5432, protocol: 'TCP' });

/** `nodes` nodes with `pods` pods each, named so every name differs. */
export function cluster(nodes: number, pods: number, vxlan = true): DiagramNode[] {
  return Array.from({ length: nodes }, (_, n) => ({
    name: `node-${n + 1}`,
    ip: `192.168.56.${11 + n}`,
    podCIDR: `10.244.${n}.0/24`,
    bridge: { name: 'cni0', ip: `10.244.${n}.1` },
    vtep: vxlan ? { name: 'flannel.1', ip: `10.244.${n}.0` } : null,
    pods: Array.from({ length: pods }, (_, p) => ({
      key: `ns${n}/pod-${p}`,
      ip: `10.244.${n}.${p + 2}`,
      veth: `veth${String(n).padStart(4, '0')}${String(p).padStart(4, '0')}`,
    })),
  }));
}

/** A minimal hop for reducer tests. */
export function hop(step: string | null, device: string, node = 'node-1', netns = 'root'): TraceHop {
  return {
    step,
    node,
    netns,
    device,
    action: `at ${device}`,
    encapsulation: null,
    place: 'bridge',
    packet: {
      ethernet: null,
      ip: { src: '10.244.0.2', dst: '10.244.1.2', ttl: 64, protocol: 'TCP' },
      l4: { protocol: 'TCP', srcPort: 40000, dstPort: 80 },
    },
    entries: [],
  };
}

export function tinyTrace(hops: TraceHop[], over: Partial<Trace> = {}): Trace {
  return {
    from: 'default/a',
    to: 'default/b',
    port: 80,
    protocol: 'TCP',
    verdict: 'delivered',
    hops,
    drop: null,
    summary: 'a to b',
    backend: 'vxlan',
    enforcement: true,
    wouldDrop: null,
    nodes: [],
    ...over,
  };
}
