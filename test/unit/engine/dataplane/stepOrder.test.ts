// The seed's step labels climb along every journey (1, 2, 3, 3a–3c, 4, 5, 6a–6c, 7, 8; unnumbered
// hops between them): from pod to pod, pod to Service on each endpoint (through kube-proxy's DNAT
// and, for names, after the DNS lookup's own journey), and from a client outside the cluster through
// each node's nodePort, on every flannel backend. A path that borrows the destination node's steps
// (6c, 7) after a DNAT must not fall back to the same-node labels (4) afterwards.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataplane, isTraceError, traceConnection } from '../../../../server/src/engine/dataplane';
import type { TraceHop, TraceRequest } from '../../../../server/src/engine/dataplane';
import { podKey } from '../../../../server/src/engine/model';
import type { Topology } from '../../../../server/src/engine/model';
import { servicesOf } from '../../../../server/src/engine/services';
import { Workspace } from '../../../../server/src/engine/workspace';
import { readFixture } from '../../../helpers/paths';

/** 3b → 32: the number, then the letter's place (none 0, a 1, b 2, c 3). */
function rank(step: string): number {
  const m = /^(\d)([abc]?)$/.exec(step);
  assert.ok(m, `unknown step label ${step}`);
  return Number(m[1]) * 10 + (m[2] ? m[2].charCodeAt(0) - 96 : 0);
}

function assertClimbs(hops: readonly TraceHop[], what: string): void {
  const labels = hops.flatMap((h) => (h.step === null ? [] : [h.step]));
  for (let i = 1; i < labels.length; i++)
    assert.ok(rank(labels[i - 1]!) <= rank(labels[i]!), `${what}: ${labels.join(', ')}`);
}

function shop(cluster: string): Topology {
  const ws = new Workspace();
  for (const name of [cluster, 'pods.yaml', 'policies.yaml', 'services.yaml'])
    ws.setFile({ path: name, text: readFixture('dataplane', name) });
  return ws.topology();
}

/** Every pod to every pod, every pod to every Service port on each endpoint, by name and by svc/. */
function fromPods(topology: Topology): TraceRequest[] {
  const pods = topology.pods.map(podKey);
  const out: TraceRequest[] = [];
  for (const from of pods) {
    for (const to of pods) out.push({ from, to, port: 8080, protocol: 'TCP' });
    for (const s of servicesOf(topology).services)
      for (const p of s.ports)
        for (const e of s.endpoints.filter((x) => x.pod)) {
          const pick = { port: p.port, protocol: p.protocol, endpoint: e.key };
          out.push({ from, to: `svc/${s.namespace}/${s.name}`, ...pick });
          out.push({ from, to: `${s.name}.${s.namespace}`, ...pick });
        }
  }
  return out;
}

/** A client outside the cluster at every node's every nodePort. */
function fromOutside(topology: Topology): TraceRequest[] {
  const ports = servicesOf(topology).services.flatMap((s) => s.ports.flatMap((p) => p.nodePort ?? []));
  return buildDataplane(topology).nodes.flatMap((n) =>
    ports.map((port) => ({ from: '203.0.113.7', to: n.ip, port, protocol: 'TCP' as const })),
  );
}

void describe('step labels climb along every journey', () => {
  for (const cluster of ['cluster-vxlan.yaml', 'cluster-host-gw.yaml', 'cluster-routed.yaml'])
    void it(`on ${cluster}`, () => {
      const topology = shop(cluster);
      let traced = 0;
      for (const req of [...fromPods(topology), ...fromOutside(topology)]) {
        const t = traceConnection(topology, req);
        if (isTraceError(t)) continue;
        const what = `${req.from} → ${req.to}:${req.port}${req.endpoint ? ` via ${req.endpoint}` : ''}`;
        assertClimbs(t.hops, what);
        if (t.dns) assertClimbs(t.dns.hops, `${what} (DNS)`);
        traced++;
      }
      assert.ok(traced > 100, `${traced} traces`);
    });
});
