// No line or marker of the trace diagram ever covers a text: over random clusters (random node and
// pod counts, long names, random pairs, drops, outside destinations, rows) traced by the real engine,
// every label's box is clear of the packet and drop markers at every hop, of the path's segments and
// of the wires; labels do not overlap each other and stay inside the diagram.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Label, Point } from '../../../../media/src/diagram/geometry';
import { markerRect, rectsOverlap, segmentHitsRect } from '../../../../media/src/diagram/geometry';
import type { Layout } from '../../../../media/src/diagram/layout';
import { layoutDiagram } from '../../../../media/src/diagram/layout';
import type { Trace } from '../../../../server/src/engine/dataplane/types';
import { MARKER, pathPoints } from '../../../../media/src/trace/overlay';
import { joinLegs, legsOf } from '../../../../media/src/trace/legs';
import { diagramNodes, hopPoints, traceLayoutOptions } from '../../../../media/src/trace/route';
import type { HopPoint } from '../../../../media/src/trace/route';
import { shopFiles, shopWebToCatalog, traceIn } from '../../../helpers/traces';

interface Drawn {
  layout: Layout;
  hops: HopPoint[];
  /** The hop points of each drawn path: one, or the DNS lookup's and the connection's. */
  paths: HopPoint[][];
}

/** The trace view's layout of a trace (as app.ts builds it, the DNS leg first), with its hop points. */
function drawn(raw: Trace, perRow = 4): Drawn {
  const trace = joinLegs(raw);
  const layout = layoutDiagram(diagramNodes(trace), { ...traceLayoutOptions(trace), maxNodesPerRow: perRow });
  const hops = hopPoints(layout, trace);
  const legs = legsOf(trace);
  return { layout, hops, paths: legs.length ? legs.map((l) => hops.slice(l.start, l.end)) : [hops] };
}

const segments = (ps: readonly Point[]): [Point, Point][] => ps.slice(1).map((q, i) => [ps[i] as Point, q]);

function assertClear({ layout, hops, paths }: Drawn): void {
  const labels = layout.labels;
  const lines = [
    ...paths.flatMap((p) => segments(pathPoints(layout, p))),
    ...layout.wires.flatMap((w) => segments(w.points)),
  ];
  for (const l of labels) {
    const where = `"${l.text}" (${l.box})`;
    for (const [p, q] of lines)
      assert.ok(!segmentHitsRect(p, q, l.rect), `${where} crossed by ${JSON.stringify([p, q])}`);
    for (const h of hops) {
      const r = Math.max(MARKER.envelope, MARKER.drop, MARKER.packet);
      assert.ok(!rectsOverlap(markerRect(h, r), l.rect), `${where} covered by a marker at ${h.x},${h.y}`);
    }
    assert.ok(l.rect.x >= 0 && l.rect.x + l.rect.w <= layout.width && l.rect.y >= 0, `${where} outside`);
  }
  labels.forEach((a: Label, i) => {
    for (const b of labels.slice(i + 1))
      assert.ok(!rectsOverlap(a.rect, b.rect), `"${a.text}" overlaps "${b.text}"`);
  });
}

const dnsName = fc.stringMatching(/^[a-z][a-z0-9-]{0,40}[a-z0-9]$/);

interface Cluster {
  nodes: number;
  pods: { name: string; ns: number; node: number }[];
  namespaces: string[];
  denyIngress: boolean;
  denyEgress: boolean;
}

const clusters: fc.Arbitrary<Cluster> = fc.record({
  nodes: fc.integer({ min: 1, max: 5 }),
  namespaces: fc.uniqueArray(dnsName, { minLength: 1, maxLength: 4 }),
  pods: fc.array(fc.record({ name: dnsName, ns: fc.nat(3), node: fc.nat(4) }), {
    minLength: 2,
    maxLength: 30,
  }),
  denyIngress: fc.boolean(),
  denyEgress: fc.boolean(),
});

function clusterYaml(c: Cluster): { path: string; text: string }[] {
  const nodes = Array.from({ length: c.nodes }, (_, i) =>
    [
      'apiVersion: v1',
      'kind: Node',
      `metadata: {name: node-${i}-with-a-longer-name}`,
      `spec: {podCIDR: 10.244.${i}.0/24}`,
      `status: {addresses: [{type: InternalIP, address: 192.168.${i % 2}.${10 + i}}]}`,
    ].join('\n'),
  );
  const pods = c.pods.map((p, i) =>
    [
      'apiVersion: v1',
      'kind: Pod',
      `metadata: {name: ${p.name}-${i}, namespace: ${JSON.stringify(c.namespaces[p.ns % c.namespaces.length])}}`,
      `spec: {nodeName: node-${p.node % c.nodes}-with-a-longer-name, containers: [{name: c, image: x}]}`,
    ].join('\n'),
  );
  const deny = (ns: string, type: string): string =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-${type.toLowerCase()}, namespace: ${JSON.stringify(ns)}}\nspec: {podSelector: {}, policyTypes: [${type}]}`;
  const policies = c.namespaces.flatMap((ns) => [
    ...(c.denyIngress ? [deny(ns, 'Ingress')] : []),
    ...(c.denyEgress ? [deny(ns, 'Egress')] : []),
  ]);
  return [{ path: '/w/cluster.yaml', text: [...nodes, ...pods, ...policies].join('\n---\n') }];
}

void describe('trace diagram labels', () => {
  void it('are never covered by a marker, the path or a wire, on random clusters', () => {
    fc.assert(
      fc.property(
        clusters,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (c, a, b, perRow, outside) => {
          const files = clusterYaml(c);
          const key = (i: number): string => {
            const p = c.pods[i % c.pods.length]!;
            return `${c.namespaces[p.ns % c.namespaces.length]}/${p.name}-${i % c.pods.length}`;
          };
          const to = outside ? '8.8.8.8' : key(b);
          const trace = traceIn(files, { from: key(a), to, port: 8080, protocol: 'TCP' });
          const d = drawn(trace, perRow);
          assert.equal(d.hops.length, trace.hops.length);
          assertClear(d);
        },
      ),
      { numRuns: 120 },
    );
  });

  void it('are clear on samples/shop, at every hop of web → catalog', () => {
    const trace = shopWebToCatalog();
    for (const perRow of [1, 2, 4]) assertClear(drawn(trace, perRow));
  });

  void it('are clear for every pair of the first shop pods of each workload, both ways', () => {
    const files = shopFiles();
    const pods = [
      'storefront/web-5hw8bthfzp-29sp8',
      'storefront/cart-zqsw64zps4-dhk29',
      'data/postgres-tqw8c72sn2-dfkln',
      'orders/payments-tflbxdml4w-cbgqc',
    ];
    for (const from of pods)
      for (const to of pods) {
        const trace = traceIn(files, { from, to, port: 8080, protocol: 'TCP' });
        assertClear(drawn(trace));
      }
  });

  void it('are clear on the Service traces of samples/shop: DNS leg, kube-proxy, nodePort from outside', () => {
    const files = shopFiles();
    const web = 'storefront/web-5hw8bthfzp-29sp8';
    const requests = [
      { from: web, to: 'catalog', port: 80 },
      { from: web, to: 'postgres.data', port: 5432 },
      { from: 'orders/checkout-vvctdzh8cp-gfz4c', to: 'svc/data/postgres', port: 5432 },
      { from: '203.0.113.7', to: '192.168.56.21', port: 30080 },
      { from: '203.0.113.7', to: '192.168.56.22', port: 30080 },
    ];
    for (const r of requests) {
      const trace = traceIn(files, { ...r, protocol: 'TCP' });
      for (const perRow of [1, 2, 4]) assertClear(drawn(trace, perRow));
    }
  });
});

void describe('segmentHitsRect', () => {
  const r = { x: 10, y: 10, w: 10, h: 10 };
  for (const [p, q, hit] of [
    [{ x: 0, y: 15 }, { x: 30, y: 15 }, true],
    [{ x: 15, y: 0 }, { x: 15, y: 12 }, true],
    [{ x: 0, y: 0 }, { x: 30, y: 30 }, true],
    [{ x: 0, y: 10 }, { x: 30, y: 10 }, false],
    [{ x: 9, y: 0 }, { x: 9, y: 30 }, false],
    [{ x: 0, y: 25 }, { x: 25, y: 22 }, false],
    [{ x: 15, y: 15 }, { x: 15, y: 15 }, true],
  ] as const)
    void it(`${JSON.stringify([p, q])} → ${hit}`, () => assert.equal(segmentHitsRect(p, q, r), hit));
});
