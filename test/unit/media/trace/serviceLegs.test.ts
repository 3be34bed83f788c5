// The trace view on traces through Services (samples/shop, traced by the real engine): the DNS lookup
// replayed first under its own heading and verdict, kube-proxy's box on the source node with the
// rewrite in the inspector, a nodePort client outside the cluster, and kube-proxy's refusals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boxId, boxIndex, layoutDiagram } from '../../../../media/src/diagram/layout';
import { findById, textOf, walk } from '../../../../media/src/shared/el';
import type { El } from '../../../../media/src/shared/el';
import { isKubeProxyHop, joinLegs, legsOf, sameLeg } from '../../../../media/src/trace/legs';
import { traceOverlay } from '../../../../media/src/trace/overlay';
import {
  diagramNodes,
  externalEnd,
  hopBoxIds,
  hopPoints,
  traceLayoutOptions,
} from '../../../../media/src/trace/route';
import { natTable, serviceText } from '../../../../media/src/trace/serviceViews';
import { MASQUERADE_RULE } from '../../../../server/src/engine/dataplane/kubeProxyRules';
import { verdictOf } from '../../../../media/src/trace/verdict';
import { hopCaption, inspector, stepList, traceHeader } from '../../../../media/src/trace/views';
import type { Trace } from '../../../../server/src/engine/dataplane/types';
import { shopFiles, traceIn } from '../../../helpers/traces';

const WEB = 'storefront/web-5hw8bthfzp-29sp8';
const shop = (from: string, to: string, port: number): Trace =>
  traceIn(shopFiles(), { from, to, port, protocol: 'TCP' });

const byClass = (el: El, c: string): El[] =>
  [...walk(el)].filter((e) => (e.attrs.class ?? '').split(' ').includes(c));

void describe('a trace to a Service name: the DNS lookup first, then the connection', () => {
  const raw = shop(WEB, 'catalog', 80);
  const trace = joinLegs(raw);
  const legs = legsOf(trace);
  const dnsHops = raw.dns!.hops.length;

  void it('joins the lookup hops before the connection hops, in two legs with their verdicts', () => {
    assert.equal(trace.hops.length, dnsHops + raw.hops.length);
    assert.deepEqual(
      legs.map((l) => [l.kind, l.start, l.end, l.verdict]),
      [
        ['dns', 0, dnsHops, 'delivered'],
        ['connection', dnsHops, trace.hops.length, 'delivered'],
      ],
    );
    assert.equal(
      legs[0]!.title,
      `DNS lookup of catalog.storefront.svc.cluster.local (UDP 53 to kube-dns) · answer ${raw.service!.clusterIP}`,
    );
    assert.equal(
      legs[1]!.title,
      `Connection · TCP 80 to ${raw.service!.clusterIP}:80 (Service storefront/catalog)`,
    );
    assert.equal(sameLeg(legs, dnsHops - 1, dnsHops), false);
    assert.equal(sameLeg(legs, 0, 1), true);
    assert.deepEqual(legsOf(joinLegs(shop(WEB, 'svc/storefront/catalog', 80))), [], 'no lookup, no legs');
  });

  void it('heads each leg in the step list; steps keep their data-index in the joined sequence', () => {
    const list = stepList(trace, 0, legs);
    const heads = byClass(list, 'leg');
    assert.deepEqual(heads.map(textOf), [`${legs[0]!.title} — delivered`, `${legs[1]!.title} — delivered`]);
    const items = list.children.filter(
      (c): c is El => typeof c !== 'string' && c.attrs['data-index'] !== undefined,
    );
    assert.deepEqual(
      items.map((i) => Number(i.attrs['data-index'])),
      trace.hops.map((_, i) => i),
    );
    assert.equal(list.children.indexOf(heads[1]!), dnsHops + 1, 'the connection heading follows the lookup');
  });

  void it('names the lookup hops as such in the inspector and the caption', () => {
    assert.match(
      textOf(findById(inspector(trace, 0, legs), 'inspector-title')!),
      /^DNS lookup · Step 1 · eth0$/,
    );
    assert.match(hopCaption(trace, dnsHops, legs), /^Step 1 · eth0 \(storefront\/web-/);
  });

  void it('draws kube-proxy on the source node only, the hops of both DNATs on it, and one path per leg', () => {
    const options = traceLayoutOptions(trace);
    assert.deepEqual(options.kubeProxy, ['node-b']);
    assert.equal(options.external, undefined, 'a Service is inside the cluster');
    const layout = layoutDiagram(diagramNodes(trace), options);
    const ids = hopBoxIds(layout, trace);
    const natHops = trace.hops.flatMap((h, i) => (h.nat ? [i] : []));
    assert.equal(natHops.length, 2, 'kube-dns DNAT, then the Service DNAT');
    for (const i of natHops) assert.equal(ids[i], boxId.kubeProxy('node-b'));
    const box = boxIndex(layout).get(boxId.kubeProxy('node-b'))!;
    const labels = layout.labels.filter((l) => l.box === box.id).map((l) => l.text);
    assert.deepEqual(labels, ['kube-proxy iptables']);
    const overlay = traceOverlay(layout, hopPoints(layout, trace), legs);
    assert.deepEqual(
      overlay.filter((e) => e.tag === 'polyline').map((e) => [e.attrs.id, e.attrs.class]),
      [
        ['trace-path-dns', 'trace-path dns-path'],
        ['trace-path', 'trace-path'],
      ],
    );
  });

  void it('shows the rewrite ClusterIP:port → pod IP:targetPort in the inspector of the DNAT hop', () => {
    const i = trace.hops.findLastIndex((h) => h.nat);
    const hop = trace.hops[i]!;
    assert.equal(isKubeProxyHop(hop), true);
    const el = inspector(trace, i, legs);
    assert.equal(textOf(findById(el, 'inspector-title')!), 'kube-proxy DNAT · cni0');
    const nat = findById(el, 'inspector-nat')!;
    assert.equal(
      textOf(nat),
      `Header rewrite by kube-proxy (DNAT)RewriteDNAT (destination NAT)Destination before${raw.service!.clusterIP}:80` +
        `Destination after10.244.0.169:8080Rule${hop.nat!.rule}`,
    );
    assert.match(
      hopCaption(trace, i, legs),
      new RegExp(`— DNAT ${raw.service!.clusterIP!.replace(/\./g, '\\.')}:80 → 10\\.244\\.0\\.169:8080`),
    );
  });

  void it('says which Service and endpoint in the header', () => {
    assert.equal(
      serviceText(trace),
      `Service storefront/catalog · ClusterIP ${raw.service!.clusterIP}:80 → storefront/catalog-w96rwp5fpn-4k95m on 8080 · 1 of 2 endpoints (kube-proxy picks one at random)`,
    );
    assert.equal(textOf(findById(traceHeader(trace), 'trace-service')!), serviceText(trace));
    assert.equal(
      findById(traceHeader(shop(WEB, 'storefront/catalog-w96rwp5fpn-4k95m', 8080)), 'trace-service'),
      undefined,
    );
  });
});

void describe('a client outside the cluster through a nodePort', () => {
  const trace = joinLegs(shop('203.0.113.7', '192.168.56.21', 30080));

  void it('draws the client beside the underlay, entering at the node eth0, and kube-proxy on that node', () => {
    assert.equal(externalEnd(trace), '203.0.113.7');
    const options = traceLayoutOptions(trace);
    assert.deepEqual([options.external, options.kubeProxy], ['203.0.113.7', ['node-a']]);
    const layout = layoutDiagram(diagramNodes(trace), options);
    const ids = hopBoxIds(layout, trace);
    assert.deepEqual(ids.slice(0, 3), [null, boxId.nodeEth0('node-a'), boxId.kubeProxy('node-a')]);
    assert.equal(boxIndex(layout).get(boxId.external)?.label, '203.0.113.7');
  });
});

void describe('flanneld’s masquerade towards the outside, in the inspector like the other rewrites', () => {
  const trace = joinLegs(shop('deploy/orders/notifications', '203.0.113.25', 587));
  const i = trace.hops.findIndex((h) => h.nat);
  const hop = trace.hops[i]!;

  void it('titles the hop by who rewrote it and shows the source before and after, with the rule', () => {
    assert.equal(trace.verdict, 'delivered');
    assert.equal(isKubeProxyHop(hop), false);
    const el = inspector(trace, i);
    assert.equal(textOf(findById(el, 'inspector-title')!), 'flanneld SNAT · eth0');
    assert.equal(
      textOf(findById(el, 'inspector-nat')!),
      `Masquerade by flanneld (SNAT)RewriteSNAT (source NAT, masquerade)Source before${hop.nat!.from}` +
        `Source after192.168.56.22:${hop.packet.l4.srcPort}Rule${hop.nat!.rule}`,
    );
    assert.match(hop.nat!.from, /^10\.244\.\d+\.\d+:\d+$/);
    assert.match(hopCaption(trace, i), /^flanneld SNAT · eth0 \(node-b root netns\) — SNAT 10\.244\./);
  });

  void it('keeps kube-proxy’s masquerade of a nodePort client captioned as kube-proxy’s', () => {
    const nat = {
      type: 'SNAT' as const,
      from: '203.0.113.7:40000',
      to: '10.244.1.0:1234',
      rule: MASQUERADE_RULE,
    };
    assert.equal(textOf(natTable(nat).children[0]!), 'Masquerade by kube-proxy (SNAT)');
  });
});

void describe('kube-proxy refusing and the DNS lookup dropped, in the verdict', () => {
  void it('a policy dropping the lookup says the name never resolves; the connection is "not sent"', () => {
    const noDns = (text: string): string => text.replace('port: 53\n', 'port: 5353\n');
    const files = shopFiles().map((f) =>
      f.path.endsWith('policies/storefront.yaml') ? { ...f, text: noDns(f.text) } : f,
    );
    const raw = traceIn(files, { from: WEB, to: 'catalog', port: 80, protocol: 'TCP' });
    assert.equal(raw.drop?.stage, 'dns');
    const trace = joinLegs(raw);
    const legs = legsOf(trace);
    assert.deepEqual(
      legs.map((l) => l.verdict),
      ['dropped', 'not sent'],
    );
    const v = verdictOf(trace);
    assert.equal(v.lead, 'Dropped by ');
    assert.match(
      v.note,
      /^The DNS lookup was dropped: the egress policies of storefront\/web-5hw8bthfzp-29sp8 do not allow the query leaving it, so the name never resolves/,
    );
  });

  void it('no endpoints and no local endpoint are kube-proxy drops, not policy drops', () => {
    const base = shop(WEB, 'svc/storefront/catalog', 80);
    const drop = {
      direction: 'egress' as const,
      pod: WEB,
      policies: [],
      explanation: ['why'],
      stage: 'connection' as const,
    };
    assert.equal(
      verdictOf({ ...base, verdict: 'dropped', drop: { ...drop, reason: 'no-endpoints' } }).text,
      'Dropped: Service storefront/catalog has no endpoints (kube-proxy rejects the connection)',
    );
    const local = verdictOf({ ...base, verdict: 'dropped', drop: { ...drop, reason: 'no-local-endpoint' } });
    assert.deepEqual(
      [local.text, local.note, local.policies],
      [
        'Dropped: Service storefront/catalog has no endpoint on this node (kube-proxy drops the connection)',
        'why',
        [],
      ],
    );
  });
});
