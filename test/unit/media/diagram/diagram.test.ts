import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boxId, layoutDiagram } from '../../../../media/src/diagram/layout';
import { fitText } from '../../../../media/src/diagram/geometry';
import { diagramSvg, points } from '../../../../media/src/diagram/svg';
import { toDom } from '../../../../media/src/shared/dom';
import { findById, walk } from '../../../../media/src/shared/el';
import { PacketMover } from '../../../../media/src/trace/animation';
import { traceOverlay, translate } from '../../../../media/src/trace/overlay';
import { diagramNodes, focusPods, hopPoints } from '../../../../media/src/trace/route';
import type { FakeElement } from '../fakeDom';
import { fakeDocument } from '../fakeDom';
import { cluster, webToDb } from '../../../helpers/traces';

void describe('diagram SVG', () => {
  const trace = webToDb();
  const layout = layoutDiagram(diagramNodes(trace), { focus: focusPods(trace) });
  const svg = diagramSvg(layout, { label: 'path', overlay: traceOverlay(layout, hopPoints(layout, trace)) });

  void it('is an svg#diagram sized by the layout, with one group per box', () => {
    assert.deepEqual(
      [svg.tag, svg.svg, svg.attrs.id, svg.attrs.viewBox],
      ['svg', true, 'diagram', `0 0 ${layout.width} ${layout.height}`],
    );
    const groups = [...walk(svg)].filter((e) => e.attrs['data-id'] && e.tag === 'g');
    assert.equal(groups.length, layout.boxes.length);
    const vtep = groups.find((g) => g.attrs['data-id'] === boxId.vtep('node-1'));
    assert.equal(vtep?.attrs.class, 'box vtep');
  });

  void it('has the packet, its VXLAN envelope (hidden at first) and the drop marker, and no callout', () => {
    assert.equal(findById(svg, 'packet')?.attrs.transform, translate(hopPoints(layout, trace)[0]!));
    assert.equal(findById(svg, 'envelope')?.attrs.class, 'envelope hidden');
    assert.ok(findById(svg, 'drop-marker') && findById(svg, 'trace-path'));
    assert.equal(findById(svg, 'arp'), undefined);
  });

  void it('uses no style attribute and puts names only in text nodes', () => {
    const nodes = cluster(1, 1);
    nodes[0]!.pods[0]!.key = '<script>alert(1)</script>';
    const dom = toDom<FakeElement>(fakeDocument, diagramSvg(layoutDiagram(nodes), { label: 'x' }));
    for (const e of dom.all()) {
      assert.ok(!e.attributes.has('style'));
      assert.notEqual(e.tag, 'script');
    }
    assert.ok(dom.textContent?.includes('<script>alert(1)</script>'));
  });

  void it('shortens long labels', () => {
    assert.equal(fitText('short', 100, 'chip-text'), 'short');
    assert.equal(fitText('a-very-long-pod-name-indeed', 70, 'chip-text'), 'a-very-lo…');
    assert.equal(fitText('postgres-tqw8c72sn2-dfkln', 70, 'chip-text', 'middle'), 'post…dfkln');
    assert.equal(
      points([
        { x: 1.25, y: 2 },
        { x: 3, y: 4.04 },
      ]),
      '1.3,2 3,4',
    );
  });
});

void describe('PacketMover', () => {
  function clock() {
    let now = 0;
    const frames: ((t: number) => void)[] = [];
    return {
      now: () => now,
      request: (fn: (t: number) => void) => frames.push(fn),
      cancel: () => void frames.splice(0),
      tick(ms: number) {
        now += ms;
        const due = frames.splice(0);
        for (const f of due) f(now);
      },
      get pending() {
        return frames.length;
      },
    };
  }
  const route = [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
  ];

  void it('moves along the route frame by frame and ends on its last point', () => {
    const attrs: string[] = [];
    const c = clock();
    const mover = new PacketMover({ setAttribute: (_, v) => attrs.push(v) }, false, c);
    mover.move(route, 100);
    c.tick(50);
    assert.equal(attrs.at(-1), 'translate(50 0)');
    c.tick(60);
    assert.equal(attrs.at(-1), 'translate(100 0)');
    assert.equal(c.pending, 0);
  });

  void it('jumps straight there with reduced motion', () => {
    const attrs: string[] = [];
    const c = clock();
    new PacketMover({ setAttribute: (_, v) => attrs.push(v) }, true, c).move(route, 100);
    assert.deepEqual(attrs, ['translate(100 0)']);
    assert.equal(c.pending, 0);
  });
});
