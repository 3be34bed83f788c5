import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Box, Layout, Rect } from '../../../../media/src/diagram/layout';
import { boxId, boxIndex, layoutDiagram, visiblePods } from '../../../../media/src/diagram/layout';
import { cluster } from '../../../helpers/traces';

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, outer: Rect): boolean =>
  a.x >= outer.x && a.y >= outer.y && a.x + a.w <= outer.x + outer.w && a.y + a.h <= outer.y + outer.h;

/** Boxes that must not overlap each other: nodes; pods and chips within a node. */
function assertNoOverlaps(layout: Layout): void {
  const nodes = layout.boxes.filter((b) => b.kind === 'node');
  for (const [i, a] of nodes.entries())
    for (const b of nodes.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.id} overlaps ${b.id}`);
  const solid = layout.boxes.filter((b) => !['node', 'rootns', 'pod'].includes(b.kind));
  const pods = layout.boxes.filter((b) => b.kind === 'pod' || b.kind === 'more');
  for (const [i, a] of pods.entries())
    for (const b of pods.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.id} overlaps ${b.id}`);
  const chips = solid.filter((b) => b.kind !== 'more');
  for (const [i, a] of chips.entries())
    for (const b of chips.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.id} overlaps ${b.id}`);
}

function assertContained(layout: Layout): void {
  const idx = boxIndex(layout);
  for (const b of layout.boxes) {
    assert.ok(
      b.x >= 0 && b.y >= 0 && b.x + b.w <= layout.width && b.y + b.h <= layout.height,
      `${b.id} outside`,
    );
    if (b.kind === 'node' || b.kind === 'external') continue;
    const node = idx.get(boxId.node(b.node)) as Box;
    assert.ok(inside(b, node), `${b.id} not inside its node`);
    if (b.pod && b.kind !== 'pod' && b.kind !== 'veth')
      assert.ok(inside(b, idx.get(boxId.pod(b.pod)) as Box), `${b.id} not inside its pod`);
  }
}

void describe('layoutDiagram', () => {
  void it('draws each node with root netns, eth0, cni0, flannel.1 and each pod with pause, netns, eth0, veth', () => {
    const layout = layoutDiagram(cluster(2, 2));
    const idx = boxIndex(layout);
    for (const n of ['node-1', 'node-2'])
      for (const id of [boxId.node(n), boxId.rootns(n), boxId.bridge(n), boxId.vtep(n), boxId.nodeEth0(n)])
        assert.ok(idx.has(id), id);
    for (const k of ['ns0/pod-0', 'ns0/pod-1', 'ns1/pod-0', 'ns1/pod-1'])
      for (const id of [boxId.pod(k), boxId.pause(k), boxId.netns(k), boxId.podEth0(k), boxId.veth(k)])
        assert.ok(idx.has(id), id);
    assert.equal(idx.get(boxId.vtep('node-2'))?.label, 'flannel.1');
    assert.equal(idx.get(boxId.podEth0('ns1/pod-1'))?.detail, '10.244.1.3');
    assert.equal(idx.get(boxId.veth('ns1/pod-1'))?.label, 'veth00010001');
    assert.deepEqual(
      layout.wires.filter((w) => w.kind === 'underlay').map((w) => w.id),
      ['wire:underlay:0'],
    );
  });

  void it('has no flannel.1 with host-gw', () => {
    const layout = layoutDiagram(cluster(2, 1, false));
    assert.equal(layout.boxes.filter((b) => b.kind === 'vtep').length, 0);
    assert.ok(layout.wires.some((w) => w.id === 'wire:node-1:uplink'));
  });

  for (const [nodes, pods] of [
    [1, 0],
    [1, 1],
    [2, 3],
    [3, 4],
    [5, 2],
    [9, 7],
    [13, 1],
  ] as const) {
    void it(`lays out ${nodes} nodes × ${pods} pods without overlaps, everything inside`, () => {
      const layout = layoutDiagram(cluster(nodes, pods));
      assertNoOverlaps(layout);
      assertContained(layout);
      assert.equal(layout.nodes.length, nodes);
    });
  }

  void it('is deterministic', () => {
    const a = layoutDiagram(cluster(6, 5), { focus: ['ns3/pod-4'], external: '8.8.8.8' });
    const b = layoutDiagram(cluster(6, 5), { focus: ['ns3/pod-4'], external: '8.8.8.8' });
    assert.deepEqual(a, b);
  });

  void it('wraps nodes into rows joined by a trunk', () => {
    const layout = layoutDiagram(cluster(6, 1), { maxNodesPerRow: 4 });
    assert.deepEqual(
      layout.nodes.map((n) => n.row),
      [0, 0, 0, 0, 1, 1],
    );
    const [first, fifth] = [layout.nodes[0], layout.nodes[4]];
    assert.equal(first?.rect.x, fifth?.rect.x);
    assert.ok((fifth?.busY ?? 0) > (first?.busY ?? 0));
    const trunk = layout.wires.find((w) => w.kind === 'trunk');
    assert.deepEqual(trunk?.points, [
      { x: layout.trunkX, y: first?.busY },
      { x: layout.trunkX, y: fifth?.busY },
    ]);
  });

  void it('folds pods beyond the limit into "+N pods", keeping the focused ones', () => {
    const layout = layoutDiagram(cluster(1, 10), { maxPodsPerNode: 3, focus: ['ns0/pod-7'] });
    const shown = layout.boxes.filter((b) => b.kind === 'pod').map((b) => b.pod);
    assert.deepEqual(shown, ['ns0/pod-0', 'ns0/pod-1', 'ns0/pod-7']);
    assert.equal(boxIndex(layout).get(boxId.more('node-1'))?.label, '+7 pods');
    assert.equal(layout.nodes[0]?.hiddenPods, 7);
    assertNoOverlaps(layout);
  });

  void it('adds the outside address at the end of the first bus', () => {
    const layout = layoutDiagram(cluster(2, 1), { external: '8.8.8.8' });
    const ext = boxIndex(layout).get(boxId.external);
    assert.equal(ext?.label, '8.8.8.8');
    const node2 = layout.nodes[1]?.rect;
    assert.ok(ext && node2 && ext.x > node2.x + node2.w);
    assertContained(layout);
  });

  void it('keeps hostile names as plain labels (rendering escapes them)', () => {
    const nodes = cluster(1, 1);
    const pod = nodes[0]?.pods[0];
    if (pod) pod.key = '<img src=x onerror=alert(1)>/x';
    const layout = layoutDiagram(nodes);
    assert.equal(
      boxIndex(layout).get(boxId.pod('<img src=x onerror=alert(1)>/x'))?.label,
      '<img src=x onerror=alert(1)>/x',
    );
  });
});

void describe('visiblePods', () => {
  const pods = cluster(1, 6)[0]?.pods ?? [];
  void it('shows everything under the limit', () => {
    assert.deepEqual(visiblePods(pods.slice(0, 3), new Set(), 4), { shown: pods.slice(0, 3), hidden: 0 });
  });
  void it('shows every focused pod even beyond the limit', () => {
    const focus = new Set(['ns0/pod-3', 'ns0/pod-4', 'ns0/pod-5']);
    const r = visiblePods(pods, focus, 2);
    assert.deepEqual(
      r.shown.map((p) => p.key),
      ['ns0/pod-3', 'ns0/pod-4', 'ns0/pod-5'],
    );
    assert.equal(r.hidden, 3);
  });
});
