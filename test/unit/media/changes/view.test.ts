import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changesView, groupsOf, linkText, portsText } from '../../../../media/src/changes/view';
import { parseFromWebview, parseToWebview } from '../../../../server/src/protocol/webview';
import { findById, textOf, walk } from '../../../../media/src/shared/el';
import type { El } from '../../../../media/src/shared/el';
import type { ChangesResult } from '../../../../server/src/protocol/requests';

const range = { start: { line: 12, character: 4 }, end: { line: 18, character: 0 } };
const uri = 'file:///ws/data/db-access.yaml';

const changes: ChangesResult = {
  available: true,
  message: '+4 −2 connections, 40 unchanged',
  base: 'HEAD (3f2a1b0)',
  modelVersion: 7,
  added: 9,
  removed: 2,
  unchanged: 40,
  pods: { added: ['data/db-1'], removed: [] },
  groups: [
    {
      change: 'added',
      from: ['orders/api-a', 'orders/api-b'],
      to: ['data/db-0', 'data/db-1'],
      fromLabel: '2 pods of deploy/orders/api',
      toLabel: '2 pods app=db in data',
      ports: [
        { protocol: 'TCP', port: 5432 },
        { protocol: 'TCP', port: 9187 },
      ],
      causes: [{ direction: 'ingress', kind: 'allowed-by', policy: 'data/db-access', rule: 1 }],
      reason: 'now allowed by data/db-access ingress rule 1',
      connections: 4,
      links: [{ policy: 'data/db-access', rule: 1, direction: 'ingress', uri, range }],
    },
    {
      change: 'removed',
      from: ['storefront/web-a'],
      to: ['orders/api-a', 'orders/api-b'],
      fromLabel: 'storefront/web-a',
      toLabel: '2 pods of deploy/orders/api',
      ports: [{ protocol: 'TCP', port: 8080 }],
      causes: [{ direction: 'ingress', kind: 'now-isolated', policies: ['orders/deny-all'] }],
      reason: '<b>now isolated</b> by orders/deny-all',
      connections: 2,
      links: [{ policy: 'orders/deny-all', uri: 'file:///ws/orders.yaml', range }],
    },
  ],
  moreGroups: 3,
  policies: [{ policy: 'data/db-access', uri, range, added: 4, removed: 0 }],
  notes: ['data/broken.yaml left out: it does not parse at HEAD'],
};

const byClass = (el: El, name: string): El[] =>
  [...walk(el)].filter((e) => (e.attrs.class ?? '').split(' ').includes(name));
const buttons = (el: El): El[] => [...walk(el)].filter((e) => e.tag === 'button');

void describe('reachability changes view', () => {
  void it('names the base once when the message already says "vs HEAD"', () => {
    const message = '0 added, 4 removed, 1060 unchanged connections vs HEAD';
    assert.equal(
      textOf(findById(changesView({ ...changes, message }), 'changes-summary')!),
      '0 added, 4 removed, 1060 unchanged connections vs HEAD (3f2a1b0)',
    );
  });

  void it('lists added then removed groups with labels, ports, counts and reasons', () => {
    const view = changesView(changes);
    assert.equal(
      textOf(findById(view, 'changes-summary')!),
      '+4 −2 connections, 40 unchanged (vs HEAD (3f2a1b0))',
    );
    assert.equal(textOf(findById(view, 'added-groups')!.children[0]!), 'Added (9)');
    assert.equal(textOf(findById(view, 'removed-groups')!.children[0]!), 'Removed (2)');
    const rows = byClass(view, 'change');
    assert.deepEqual(
      rows.map((r) => textOf(r.children[0]!)),
      [
        '+2 pods of deploy/orders/api → 2 pods app=db in data TCP 5432, TCP 9187 · 4 connections',
        '−storefront/web-a → 2 pods of deploy/orders/api TCP 8080 · 2 connections',
      ],
    );
    // Workspace text stays text: the reason's markup is not parsed.
    assert.equal(textOf(byClass(rows[1]!, 'reason')[0]!), '<b>now isolated</b> by orders/deny-all');
    assert.equal(textOf(findById(view, 'more-groups')!), 'and 3 more groups (5 connections) not listed');
    assert.equal(textOf(findById(view, 'pods-changed')!), 'new pods: data/db-1');
    assert.equal(
      textOf(findById(view, 'changes-notes')!),
      'data/broken.yaml left out: it does not parse at HEAD',
    );
  });

  void it('gives each row a trace button and one button per rule, by index (no URI in the page)', () => {
    const view = changesView(changes);
    const rowButtons = buttons(view).filter((b) => b.attrs['data-group'] !== undefined);
    assert.deepEqual(
      rowButtons.map((b) => [b.attrs['data-action'], b.attrs['data-group'], b.attrs['data-link'], textOf(b)]),
      [
        ['trace', '0', undefined, 'Trace'],
        ['intent', '0', undefined, 'Deny…'],
        ['open-link', '0', '0', 'data/db-access ingress rule 1'],
        ['trace', '1', undefined, 'Trace'],
        ['intent', '1', undefined, 'Allow…'],
        ['open-link', '1', '0', 'orders/deny-all'],
      ],
    );
    assert.ok(!JSON.stringify(view).includes('file:///'));
    assert.equal(rowButtons[0]!.attrs.title, 'Trace orders/api-a → data/db-0 on TCP 5432');
  });

  void it('counts the changes per edited policy, each policy a button by index', () => {
    const policies = findById(changesView(changes), 'changes-policies')!;
    assert.equal(textOf(policies), 'By policydata/db-access +4 −0');
    assert.deepEqual(
      buttons(policies).map((b) => [b.attrs['data-action'], b.attrs['data-policy'], textOf(b)]),
      [['open-policy', '0', 'data/db-access']],
    );
    assert.equal(findById(changesView({ ...changes, policies: [] }), 'changes-policies'), undefined);
  });

  void it('offers the declared ports or one port, showing the choice made', () => {
    const choice = (view: El) => {
      const attrs = (id: string) => findById(view, id)!.attrs;
      const selected = (id: string) =>
        findById(view, id)!.children.flatMap((o) =>
          typeof o !== 'string' && 'selected' in o.attrs ? [o.attrs.value] : [],
        );
      return [
        selected('changes-port-mode'),
        attrs('changes-port').value,
        'disabled' in attrs('changes-port'),
        selected('changes-protocol'),
      ];
    };
    assert.deepEqual(choice(changesView(changes)), [['declared'], '80', true, ['TCP']]);
    assert.deepEqual(choice(changesView(changes, undefined, { port: 53, protocol: 'UDP' })), [
      ['one'],
      '53',
      false,
      ['UDP'],
    ]);
  });

  void it('highlights the groups that name the policy the CodeLens was on', () => {
    const focused = (policy?: string) => byClass(changesView(changes, policy), 'focus').map((r) => textOf(r));
    assert.equal(focused('data/db-access').length, 1);
    assert.match(focused('data/db-access')[0]!, /now allowed by data\/db-access/);
    assert.deepEqual(focused('orders/other'), []);
    assert.deepEqual(focused(), []);
  });

  void it('says plainly when nothing could be compared, and when nothing changed', () => {
    const none = changesView({
      ...changes,
      available: false,
      message: 'No reachability changes to show: not inside a git repository: /ws.',
      base: '',
      groups: [],
      moreGroups: 0,
      notes: ['not inside a git repository: /ws'],
    });
    // The summary says why; the same words are not listed again as a note.
    assert.equal(
      textOf(findById(none, 'changes-summary')!),
      'No reachability changes to show: not inside a git repository: /ws.',
    );
    assert.equal(findById(none, 'changes-notes'), undefined);
    assert.equal(findById(none, 'added-groups'), undefined);
    assert.equal(buttons(none).length, 0);
    const same = changesView({ ...changes, added: 0, removed: 0, groups: [], moreGroups: 0, notes: [] });
    assert.equal(textOf(findById(same, 'no-changes')!), 'No connection changed since the last commit.');
    assert.equal(findById(same, 'more-groups'), undefined);
  });

  void it('groups by kind keeping the result index, and words ports and links', () => {
    assert.deepEqual(
      groupsOf(changes, 'removed').map((g) => g.index),
      [1],
    );
    assert.equal(portsText(changes.groups[0]!), 'TCP 5432, TCP 9187');
    assert.equal(linkText({ policy: 'a/p', rule: 2, uri, range }), 'a/p rule 2');
    assert.equal(linkText({ policy: 'a/p', rule: 2, direction: 'egress', uri, range }), 'a/p egress rule 2');
  });
});

void describe('reachability changes messages', () => {
  void it('accepts the changes, with the policy to highlight when it is a name', () => {
    assert.deepEqual(parseToWebview({ type: 'changes', changes }), { type: 'changes', changes });
    assert.deepEqual(parseToWebview({ type: 'changes', changes, policy: 'data/db-access' }), {
      type: 'changes',
      changes,
      policy: 'data/db-access',
    });
    assert.deepEqual(parseToWebview({ type: 'changes', changes, policy: 3 }), { type: 'changes', changes });
    for (const bad of [
      {},
      { ...changes, groups: 'x' },
      { ...changes, available: 'yes' },
      { ...changes, notes: null },
    ])
      assert.equal(parseToWebview({ type: 'changes', changes: bad }), null);
  });

  void it('carries the port compared, and checks changesPort requests', () => {
    const port = { port: 5432, protocol: 'TCP' };
    assert.deepEqual(parseToWebview({ type: 'changes', changes, port }), { type: 'changes', changes, port });
    assert.deepEqual(parseToWebview({ type: 'changes', changes, port: { port: 0, protocol: 'TCP' } }), {
      type: 'changes',
      changes,
    });
    const request = (params: object) =>
      parseFromWebview({ type: 'request', id: 5, method: 'changesPort', params });
    assert.deepEqual(request({}), { type: 'request', id: 5, method: 'changesPort', params: {} });
    assert.deepEqual(request({ port: 53, protocol: 'UDP' })?.type, 'request');
    assert.equal(request({ port: 70000 }), null);
    assert.equal(request({ port: 53, protocol: 'ICMP' }), null);
  });

  void it('checks openLocation: a URI and a 0-based position', () => {
    const request = (params: object) =>
      parseFromWebview({ type: 'request', id: 4, method: 'openLocation', params });
    assert.deepEqual(request({ uri, line: 12, character: 4 }), {
      type: 'request',
      id: 4,
      method: 'openLocation',
      params: { uri, line: 12, character: 4 },
    });
    assert.equal(request({ uri, line: -1, character: 0 }), null);
    assert.equal(request({ uri, line: 1.5, character: 0 }), null);
    assert.equal(request({ uri: '', line: 0, character: 0 }), null);
    assert.equal(request({ line: 0, character: 0 }), null);
  });
});
