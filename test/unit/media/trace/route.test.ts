import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boxId, boxIndex, center, layoutDiagram } from '../../../../media/src/diagram/layout';
import { pathPoints } from '../../../../media/src/trace/overlay';
import {
  diagramNodes,
  externalEnd,
  focusPods,
  hopBoxIds,
  hopPoints,
  pointAlong,
  routeBetween,
} from '../../../../media/src/trace/route';
import { hop, sampleTrace, tinyTrace, webToDb } from '../../../helpers/traces';

void describe('trace on the diagram', () => {
  const trace = webToDb();
  const layout = layoutDiagram(diagramNodes(trace), { focus: focusPods(trace) });
  const points = hopPoints(layout, trace);
  const boxes = boxIndex(layout);

  void it('keeps the pods of the path in focus', () => {
    assert.deepEqual(focusPods(trace).sort(), ['default/db', 'default/web']);
    assert.equal(externalEnd(trace), undefined);
  });

  void it('puts every hop on a drawn element inside the diagram', () => {
    assert.equal(points.length, trace.hops.length);
    for (const p of points) assert.ok(p.x > 0 && p.x < layout.width && p.y > 0 && p.y < layout.height);
    const ids = hopBoxIds(layout, trace);
    assert.equal(ids[0], boxId.podEth0('default/web'));
    assert.equal(ids[1], boxId.veth('default/web'));
    assert.equal(ids[4], boxId.vtep('node-1'));
    const underlay = trace.hops.findIndex((h) => h.place === 'underlay');
    assert.equal(ids[underlay], null);
    assert.equal(ids[ids.length - 1], boxId.bridge('node-2'));
  });

  void it('starts at the source eth0 port and puts the underlay hop on the bus between the nodes', () => {
    const eth0 = boxes.get(boxId.podEth0('default/web'))!;
    assert.deepEqual({ x: points[0]?.x, y: points[0]?.y }, eth0.port);
    assert.deepEqual(
      eth0.port,
      { x: eth0.x + 12, y: center(eth0).y },
      'left of the label, vertically centred',
    );
    const i = trace.hops.findIndex((h) => h.place === 'underlay');
    const [n1, n2] = [boxes.get(boxId.nodeEth0('node-1'))!.port!, boxes.get(boxId.nodeEth0('node-2'))!.port!];
    assert.equal(points[i]?.bus, true);
    assert.equal(points[i]?.y, layout.nodes[0]?.busY);
    assert.equal(points[i]?.x, (n1.x + n2.x) / 2);
  });

  void it('puts every bridge hop in the port column of the veth nearest to it on its node', () => {
    const delivered = sampleTrace({ from: 'default/backend', to: 'default/db', port: 5432, protocol: 'TCP' });
    const l = layoutDiagram(diagramNodes(delivered), { focus: focusPods(delivered) });
    const pts = hopPoints(l, delivered);
    const last = delivered.hops.length - 1;
    const bridgeBeforeVeth = delivered.hops.findIndex(
      (h, i) => h.place === 'bridge' && delivered.hops[i + 1]?.place === 'veth' && h.node === 'node-2',
    );
    assert.ok(bridgeBeforeVeth > 0);
    assert.equal(pts[bridgeBeforeVeth]?.x, pts[bridgeBeforeVeth + 1]?.x);
    const dbVeth = boxIndex(l).get(boxId.veth('default/db'))!.port!.x;
    delivered.hops.forEach((h, i) => {
      if (h.place === 'bridge' && h.node === 'node-2') assert.equal(pts[i]?.x, dbVeth, `hop ${i}`);
    });
    assert.deepEqual(
      { x: pts[last]?.x, y: pts[last]?.y },
      boxIndex(l).get(boxId.podEth0('default/db'))!.port,
    );
  });

  void it('routes between nodes along the bus, inside a node along port columns and row gaps', () => {
    const i = trace.hops.findIndex((h) => h.place === 'underlay');
    const busY = layout.nodes[0]?.busY;
    const across = routeBetween(layout, points[i - 1]!, points[i]!);
    assert.deepEqual(
      across.map((p) => p.y),
      [points[i - 1]?.y, busY, busY],
    );
    assert.deepEqual(across[2], { x: points[i]?.x, y: busY });
    const into = routeBetween(layout, points[i]!, points[i + 1]!);
    assert.equal(into[0]?.y, busY);
    assert.equal(into[1]?.y, busY);
    assert.equal(into[into.length - 1]?.y, points[i + 1]?.y);
    assert.equal(routeBetween(layout, points[0]!, points[1]!).length, 2);
    const a = { x: 10, y: 100, node: 'node-1', bus: false };
    assert.deepEqual(routeBetween(layout, a, { ...a, x: 50 }), [
      { x: 10, y: 100 },
      { x: 10, y: 124 },
      { x: 50, y: 124 },
      { x: 50, y: 100 },
    ]);
    assert.deepEqual(routeBetween(layout, a, { ...a, x: 50, y: 148 }), [
      { x: 10, y: 100 },
      { x: 10, y: 124 },
      { x: 50, y: 124 },
      { x: 50, y: 148 },
    ]);
  });

  void it('goes through the trunk between rows', () => {
    const l = layoutDiagram(diagramNodes(trace), { focus: focusPods(trace), maxNodesPerRow: 1 });
    const pts = hopPoints(l, trace);
    const i = trace.hops.findIndex((h) => h.place === 'underlay');
    assert.equal(pts[i]?.x, l.trunkX);
    const path = pathPoints(l, pts);
    assert.ok(path.some((p) => p.x === l.trunkX && p.y === l.nodes[1]?.busY));
  });

  void it('shows an outside destination at the end of the bus', () => {
    const out = sampleTrace({ from: 'default/web', to: '8.8.8.8', port: 53, protocol: 'UDP' });
    assert.equal(externalEnd(out), '8.8.8.8');
    const l = layoutDiagram(diagramNodes(out), { external: '8.8.8.8' });
    assert.equal(boxIndex(l).get(boxId.external)?.label, '8.8.8.8');
    assert.equal(hopPoints(l, out).length, out.hops.length);
  });
});

void describe('degenerate input', () => {
  void it('draws a trace whose nodes are unknown without failing', () => {
    const trace = tinyTrace([
      hop('1', 'eth0', 'node-9', 'x/a'),
      { ...hop('5', 'underlay', 'node-9'), place: 'underlay' },
    ]);
    const layout = layoutDiagram(diagramNodes(trace));
    const points = hopPoints(layout, trace);
    assert.equal(points.length, 2);
    for (const p of points) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
    assert.ok(layout.width > 0 && layout.height > 0);
    assert.ok(pathPoints(layout, points).every((p) => Number.isFinite(p.x)));
  });
});

void describe('pointAlong', () => {
  const line = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 30 },
  ];
  void it('walks by length', () => {
    assert.deepEqual(pointAlong(line, 0), { x: 0, y: 0 });
    assert.deepEqual(pointAlong(line, 0.25), { x: 10, y: 0 });
    assert.deepEqual(pointAlong(line, 0.5), { x: 10, y: 10 });
    assert.deepEqual(pointAlong(line, 1), { x: 10, y: 30 });
    assert.deepEqual(pointAlong(line, 7), { x: 10, y: 30 });
  });
  void it('handles a single point', () => {
    assert.deepEqual(pointAlong([{ x: 3, y: 4 }], 0.5), { x: 3, y: 4 });
  });
});
