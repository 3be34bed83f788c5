import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellSummary, matrixSummary, matrixView, reasonText } from '../../../../media/src/matrix/grid';
import { findById, textOf, walk } from '../../../../media/src/shared/el';
import type { El } from '../../../../media/src/shared/el';
import type { ViewMatrix } from '../../../../server/src/protocol/requests';

const matrix: ViewMatrix = {
  mode: 'port',
  protocol: 'TCP',
  port: 5432,
  pods: ['default/backend', 'default/db', 'default/web'],
  owners: [null, null, null],
  allowed: [
    ['default/backend', 'default/db'],
    ['default/web', 'default/backend'],
    ['default/db', 'default/db'],
  ],
  classes: 3,
};

const closed = { expanded: new Set<string>(), allowedOnly: false };
const buttons = (el: El) =>
  [...walk(el)].filter((e) => e.tag === 'button' && e.attrs.class?.startsWith('cell'));

void describe('matrix grid', () => {
  void it('builds one row per pod written as such, one button per destination, coloured by state', () => {
    const el = matrixView(matrix, closed);
    assert.ok(findById(el, 'matrix'));
    const cells = buttons(el);
    assert.equal(cells.length, 9);
    const at = (from: string, to: string) =>
      cells.find((c) => c.attrs['data-from'] === from && c.attrs['data-to'] === to);
    const webDb = at('default/web', 'default/db');
    assert.deepEqual(
      [webDb?.attrs.class, webDb?.attrs['aria-label'], textOf(webDb!)],
      ['cell denied', 'web → db: denied', '✕'],
    );
    assert.equal(at('default/backend', 'default/db')?.attrs.class, 'cell allowed');
    const self = cells.find(
      (c) => c.attrs['data-row'] === 'default/db' && c.attrs['data-col'] === 'default/db',
    );
    assert.deepEqual(
      [self?.attrs.class, self?.attrs['data-from'], self?.attrs['data-to']],
      ['cell self', 'default/db', 'default/db'],
    );
    assert.equal(textOf(findById(el, 'matrix-title')!), 'Reachability · TCP 5432');
  });

  void it('summarises pods, workloads and pairs in plain words (self pairs not counted)', () => {
    assert.equal(matrixSummary(matrix), '3 pods · 2 of 6 pod pairs allowed');
    assert.equal(matrixSummary(shop), '5 pods in 2 workloads · 3 of 20 pod pairs allowed');
    const mixed = { ...shop, owners: [null, 'Deployment/api', ...shop.owners.slice(2)] };
    assert.equal(
      matrixSummary(mixed),
      '5 pods: 2 workloads and 1 standalone pod · 3 of 20 pod pairs allowed',
    );
  });

  void it('shows no reason box until there is a reason', () => {
    const box = findById(matrixView(matrix, closed), 'cell-reason');
    assert.equal(box?.attrs.hidden, '');
  });

  void it('says so when there are no pods', () => {
    const el = matrixView({ ...matrix, pods: [], owners: [], allowed: [] }, closed);
    assert.equal(textOf(findById(el, 'matrix-empty')!), 'The workspace declares no pods.');
  });

  void it('keeps hostile pod names as text and data', () => {
    const bad = 'x/<img src=x onerror=alert(1)>';
    const el = matrixView({ ...matrix, pods: [bad, 'a/b'], owners: [null, null], allowed: [] }, closed);
    assert.ok([...walk(el)].every((e) => e.tag !== 'img'));
    assert.ok([...walk(el)].some((e) => e.attrs['data-from'] === bad));
  });

  void it('phrases the reason', () => {
    assert.equal(
      reasonText({ from: 'a/x', to: 'a/y', allowed: false, reason: 'a/y is isolated for ingress by a/p.' }),
      'a/x → a/y: denied.\na/y is isolated for ingress by a/p.',
    );
  });
});

const shop: ViewMatrix = {
  mode: 'port',
  protocol: 'TCP',
  port: 8080,
  pods: ['orders/api-1', 'orders/api-2', 'shop/web-1', 'shop/web-2', 'shop/web-3'],
  owners: ['Deployment/api', 'Deployment/api', 'Deployment/web', 'Deployment/web', 'Deployment/web'],
  allowed: [
    ['shop/web-1', 'orders/api-1'],
    ['shop/web-1', 'orders/api-2'],
    ['shop/web-2', 'orders/api-1'],
  ],
  classes: 2,
};

void describe('matrix grid on workloads', () => {
  const textsOf = (el: El, cls: string) =>
    [...walk(el)].filter((e) => e.tag === 'th' && e.attrs.class?.includes(cls)).map((e) => textOf(e));

  void it('labels rows and columns with workload names under namespace headers', () => {
    const el = matrixView(shop, closed);
    assert.deepEqual(textsOf(el, 'ns-head'), ['orders', 'shop']);
    assert.deepEqual(textsOf(el, 'col-head'), ['api ×2', 'web ×3']);
    assert.deepEqual(textsOf(el, 'row-head'), ['▸ api ×2', '▸ web ×3']);
    assert.deepEqual(textsOf(el, 'ns-label'), ['orders 2 pods in 1 workload', 'shop 3 pods in 1 workload']);
    const cell = buttons(el).find((c) => c.attrs['data-row'] === 'shop/Deployment/web');
    assert.deepEqual(
      [cell?.attrs.class, cell?.attrs['data-from'], cell?.attrs['data-to'], cell?.attrs['aria-label']],
      ['cell some', 'shop/web-1', 'orders/api-1', 'web (3 pods) → api (2 pods): 3 of 6 pod pairs allowed'],
    );
  });

  void it('opens a workload to its replicas in rows and columns, labelled by their own suffix', () => {
    const el = matrixView(shop, { expanded: new Set(['shop/Deployment/web']), allowedOnly: false });
    assert.deepEqual(textsOf(el, 'col-head'), ['api ×2', 'web ×3', '…-1', '…-2', '…-3']);
    assert.deepEqual(textsOf(el, 'row-head'), ['▸ api ×2', '▾ web ×3', 'web-1', 'web-2', 'web-3']);
    assert.equal(buttons(el).length, 25);
  });

  void it('names a workload in its tooltips as kubectl does (kind, then namespace/name), a replica by its key', () => {
    const el = matrixView(shop, { expanded: new Set(['shop/Deployment/web']), allowedOnly: false });
    const titles = (cls: string) =>
      [...walk(el)].filter((e) => e.tag === 'th' && e.attrs.class?.includes(cls)).map((e) => e.attrs.title);
    const expected = [
      'Deployment orders/api · 2 pods',
      'Deployment shop/web · 3 pods',
      'shop/web-1',
      'shop/web-2',
      'shop/web-3',
    ];
    assert.deepEqual(titles('row-head'), expected);
    assert.deepEqual(titles('col-head'), expected);
  });

  void it('"allowed only" keeps the rows and columns that let something through, and quiets denied cells', () => {
    const el = matrixView(shop, { expanded: new Set(), allowedOnly: true });
    assert.deepEqual(textsOf(el, 'row-head'), ['▸ web ×3']);
    assert.deepEqual(textsOf(el, 'col-head'), ['api ×2']);
    const none = matrixView({ ...shop, allowed: [] }, { expanded: new Set(), allowedOnly: true });
    assert.equal(textOf(findById(none, 'matrix-empty')!), 'Nothing is allowed between these pods.');
  });

  void it('traces a declared-mode cell on the port that is refused', () => {
    const declared: ViewMatrix = {
      ...shop,
      mode: 'declared',
      allowed: [],
      declared: {
        ports: [
          { port: 8080, protocol: 'TCP' },
          { port: 9090, protocol: 'TCP' },
        ],
        of: [[0, 1], [0, 1], [], [], []],
        partial: [['shop/web-1', 'orders/api-1', [0]]],
      },
    };
    const el = matrixView(declared, {
      expanded: new Set(['shop/Deployment/web', 'orders/Deployment/api']),
      allowedOnly: false,
    });
    const at = (row: string, col: string) =>
      buttons(el).find((c) => c.attrs['data-row'] === row && c.attrs['data-col'] === col);
    const partly = at('shop/web-1', 'orders/api-1');
    assert.deepEqual(
      [partly?.attrs.class, partly?.attrs['data-port'], partly?.attrs['aria-label']],
      ['cell some', '9090', 'web-1 → api-1: allowed on some ports'],
    );
    assert.equal(at('orders/api-1', 'shop/web-2')?.attrs.class, 'cell noports');
    assert.equal(textOf(findById(el, 'matrix-title')!), 'Reachability · declared ports of each destination');
  });

  void it('says what a cell of one pod to itself is', () => {
    const line = { key: 'a/x', kind: 'pod' as const, namespace: 'a', label: 'x', pods: [0] };
    const summary = cellSummary(line, line, { state: 'self', pairs: 0, allowed: 0, partial: 0, first: null });
    assert.equal(summary, 'x → x: a pod to itself, not subject to policy');
  });
});
