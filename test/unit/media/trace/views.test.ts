import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toDom } from '../../../../media/src/shared/dom';
import type { El } from '../../../../media/src/shared/el';
import { findById, textOf, walk } from '../../../../media/src/shared/el';
import { initialReplay, replay } from '../../../../media/src/trace/replay';
import { verdictOf } from '../../../../media/src/trace/verdict';
import {
  controls,
  headerRows,
  hopCaption,
  hopTitle,
  hopWhere,
  inspector,
  nodesShown,
  stepLabel,
  stepList,
  traceHeader,
  verdictView,
} from '../../../../media/src/trace/views';
import type { FakeElement } from '../fakeDom';
import { fakeDocument } from '../fakeDom';
import { hop, shopWebToCatalog, tinyTrace, webToDb } from '../../../helpers/traces';

const byClass = (el: El, c: string): El[] =>
  [...walk(el)].filter((e) => (e.attrs.class ?? '').split(' ').includes(c));

void describe('step list', () => {
  const trace = webToDb();
  const list = stepList(trace, 4);

  void it('has one item per hop with the step label, device and sentence as text', () => {
    assert.equal(list.attrs.id, 'steps');
    assert.equal(list.children.length, trace.hops.length);
    const labels = byClass(list, 'step-label').map(textOf);
    assert.deepEqual(
      labels,
      trace.hops.map((h) => h.step ?? '·'),
    );
    assert.deepEqual(labels.slice(0, 6), ['1', '1', '·', '2', '3a', '3b']);
    assert.deepEqual(
      byClass(list, 'step-device').map(textOf),
      trace.hops.map((h) => h.device),
    );
    assert.deepEqual(
      byClass(list, 'step-action').map(textOf),
      trace.hops.map((h) => h.action),
    );
  });

  void it('marks the current hop and makes each item a jump target', () => {
    const current = list.children.filter((li) => li.attrs['aria-current'] === 'step');
    assert.equal(current.length, 1);
    assert.equal(current[0]?.attrs['data-index'], '4');
    assert.equal(current[0]?.attrs.class, 'step current');
    assert.deepEqual(
      byClass(list, 'step-button')
        .map((b) => [b.attrs['data-action'], b.attrs['data-index']])
        .slice(0, 2),
      [
        ['jump', '0'],
        ['jump', '1'],
      ],
    );
  });

  void it('renders hostile device names and actions as text', () => {
    const bad = '<img src=x onerror=alert(1)>';
    const t = tinyTrace([{ ...hop('1', bad), action: `"><script>alert(2)</script>` }]);
    const dom = toDom<FakeElement>(fakeDocument, stepList(t, 0));
    const tags = dom.all().map((e) => e.tag);
    assert.ok(!tags.includes('img') && !tags.includes('script'));
    assert.ok(dom.textContent?.includes(bad));
    assert.equal(stepLabel(hop(null, 'x')), '·');
  });
});

void describe('verdict element', () => {
  void it('reads "Dropped by ns/policy" with the policy as a button carrying its key', () => {
    const el = verdictView(verdictOf(webToDb()));
    const verdict = findById(el, 'verdict');
    assert.ok(verdict);
    assert.equal(textOf(verdict), 'Dropped by default/db-access-ingress');
    const links = byClass(el, 'policy-link');
    assert.deepEqual(
      links.map((l) => [l.tag, l.attrs['data-action'], l.attrs['data-policy'], textOf(l)]),
      [['button', 'open-policy', 'default/db-access-ingress', 'default/db-access-ingress']],
    );
    assert.equal(el.attrs.class, 'verdict-box dropped');
  });

  void it('keeps a hostile policy name as text and data, never as a URL', () => {
    const bad = 'javascript:alert(1)//"><img onerror=x>';
    const t = tinyTrace([hop('1', 'eth0')], {
      verdict: 'dropped',
      drop: {
        direction: 'ingress',
        pod: 'default/b',
        policies: [bad, 'default/p'],
        reason: 'policy',
        explanation: [],
      },
    });
    const el = verdictView(verdictOf(t));
    assert.equal(textOf(findById(el, 'verdict')!), `Dropped by ${bad}, default/p`);
    for (const e of walk(el)) assert.ok(!('href' in e.attrs) && !('src' in e.attrs));
    assert.equal(byClass(el, 'policy-link')[0]?.attrs['data-policy'], bad);
  });

  void it('reads "Delivered" without links', () => {
    const t = tinyTrace([hop('1', 'eth0')]);
    const el = verdictView(verdictOf(t));
    assert.equal(textOf(findById(el, 'verdict')!), 'Delivered');
    assert.equal(byClass(el, 'policy-link').length, 0);
    assert.equal(findById(el, 'verdict-note'), undefined);
  });
});

void describe('inspector', () => {
  const trace = webToDb();
  void it('shows inner headers only before encapsulation', () => {
    const el = inspector(trace, 0);
    assert.equal(textOf(findById(el, 'inspector-title')!), 'Step 1 · eth0');
    const rows = headerRows(trace.hops[0]!.packet).map(([k]) => k);
    assert.deepEqual(rows, ['Ethernet', 'IPv4', 'TCP']);
    assert.ok(findById(el, 'inspector-entries'));
  });

  void it('shows outer Ethernet/IP/UDP/VXLAN while encapsulated', () => {
    const i = trace.hops.findIndex((h) => h.packet.outer);
    const rows = headerRows(trace.hops[i]!.packet);
    assert.deepEqual(rows.map(([k]) => k).slice(0, 4), [
      'Outer Ethernet',
      'Outer IPv4',
      'Outer UDP',
      'VXLAN',
    ]);
    assert.match(rows[2]![1], /→ 8472$/);
    assert.equal(rows[3]![1], 'VNI 1');
    assert.match(textOf(findById(inspector(trace, i), 'inspector-where')!), /Encapsulation.*UDP 8472 VNI 1/);
  });

  void it('shows the ARP exchange and the policy check', () => {
    const arp = trace.hops.findIndex((h) => h.arp);
    assert.match(textOf(findById(inspector(trace, arp), 'inspector-arp')!), /who-has 10\.244\.0\.1/);
    const check = trace.hops.length - 1;
    const text = textOf(findById(inspector(trace, check), 'inspector-policy')!);
    assert.match(text, /denied/);
    assert.match(text, /default\/db-access-ingress/);
  });
});

void describe('header and controls', () => {
  void it('titles the trace and describes the dataplane', () => {
    const el = traceHeader(webToDb());
    assert.equal(textOf(findById(el, 'trace-title')!), 'default/web → default/db');
    assert.equal(textOf(findById(el, 'trace-meta')!), 'TCP 5432 · flannel vxlan · policies enforced');
  });

  void it('reflects the replay state', () => {
    const s = replay(initialReplay, { type: 'load', trace: webToDb(), index: 0, play: true });
    const el = controls(s);
    assert.equal(findById(el, 'play')?.attrs['aria-pressed'], 'true');
    assert.equal(findById(el, 'step-back')?.attrs.disabled, '');
    assert.equal(findById(el, 'step-forward')?.attrs.disabled, undefined);
    assert.equal(textOf(findById(el, 'position')!), `hop 1 of ${s.trace?.hops.length}`);
    const speed = findById(el, 'speed');
    assert.deepEqual(speed?.children.filter((o) => 'selected' in o.attrs).map(textOf), ['1×']);
  });
});

void describe('hop names and places', () => {
  const trace = shopWebToCatalog();
  const at = (pred: (i: number) => boolean): number => trace.hops.findIndex((_, i) => pred(i));

  void it('calls a policy-only hop "Policy check · <device>", in the list and the inspector', () => {
    const i = at((j) => trace.hops[j]?.step === null && !!trace.hops[j]?.policy);
    const check = trace.hops[i]!;
    assert.equal(hopTitle(check), `Policy check · ${check.device}`);
    assert.equal(hopTitle(trace.hops[0]!), 'eth0');
    const item = stepList(trace, i).children[i]!;
    assert.deepEqual(byClass(item, 'step-kind').map(textOf), ['Policy check · ']);
    assert.deepEqual(byClass(item, 'step-device').map(textOf), [check.device]);
    assert.equal(textOf(findById(inspector(trace, i), 'inspector-title')!), `Policy check · ${check.device}`);
  });

  void it('puts step 5 between the two nodes, in no netns', () => {
    const i = at((j) => trace.hops[j]?.step === '5');
    assert.equal(hopWhere(trace, i), 'between node-b and node-a');
    assert.equal(hopWhere(trace, 0), 'storefront/web-5hw8bthfzp-29sp8');
    assert.equal(hopWhere(trace, 1), 'node-b root netns');
    const where = textOf(findById(inspector(trace, i), 'inspector-where')!);
    assert.match(where, /Namespace\s*none: on the wire between node-b and node-a/);
    assert.equal(byClass(stepList(trace, 0), 'step-where').map(textOf)[i], 'between node-b and node-a');
  });

  void it('captions the diagram with the hop, its ARP exchange and the envelope', () => {
    const arp = at((j) => !!trace.hops[j]?.arp);
    const hopArp = trace.hops[arp]!.arp!;
    assert.equal(
      hopCaption(trace, arp),
      `Step ${trace.hops[arp]!.step} · ${trace.hops[arp]!.device} (${hopWhere(trace, arp)}) — ARP ${hopArp.request}; ARP ${hopArp.reply}`,
    );
    assert.match(
      hopCaption(
        trace,
        at((j) => trace.hops[j]?.step === '4'),
      ),
      /inside its VXLAN envelope/,
    );
  });

  void it('says how many nodes the diagram leaves out', () => {
    assert.equal(nodesShown(trace), ' · 2 of 3 nodes drawn (those on the path)');
    assert.equal(nodesShown(webToDb()), '');
  });
});

void describe('near miss', () => {
  const dropped = (nearMiss: unknown) =>
    tinyTrace([hop('1', 'eth0')], {
      verdict: 'dropped',
      drop: {
        direction: 'egress',
        pod: 'default/a',
        policies: ['default/p'],
        reason: 'policy',
        explanation: [],
        ...(nearMiss === undefined ? {} : { nearMiss }),
      } as never,
    });

  void it('shows drop.nearMiss.explanation under the verdict when the trace has one', () => {
    const text =
      'no egress rule allows TCP 8080 to shop/api; closest: shop/frontend egress rule 1, which allows port 80';
    const el = verdictView(
      verdictOf(
        dropped({
          policy: 'shop/frontend',
          direction: 'egress',
          rule: 1,
          differs: ['port'],
          explanation: text,
        }),
      ),
    );
    assert.equal(textOf(findById(el, 'verdict-near-miss')!), text);
  });

  void it('shows nothing when the field is absent, null or malformed', () => {
    for (const nearMiss of [undefined, null, {}, { explanation: 3 }, { explanation: ' ' }])
      assert.equal(
        findById(verdictView(verdictOf(dropped(nearMiss))), 'verdict-near-miss'),
        undefined,
        JSON.stringify(nearMiss),
      );
  });
});
