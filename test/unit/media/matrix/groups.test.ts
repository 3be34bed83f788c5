import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PairStates, aggregate, groupPods, linesOf, visibleLines } from '../../../../media/src/matrix/groups';
import type { ViewMatrix } from '../../../../server/src/protocol/requests';

// Two namespaces; `web` has three replicas, `api` two, `debug` is a Pod written as such.
const matrix: ViewMatrix = {
  mode: 'port',
  protocol: 'TCP',
  port: 8080,
  pods: [
    'orders/api-7f-a',
    'orders/api-7f-b',
    'shop/debug',
    'shop/web-5c-x',
    'shop/web-5c-y',
    'shop/web-5c-z',
  ],
  owners: ['Deployment/api', 'Deployment/api', null, 'Deployment/web', 'Deployment/web', 'Deployment/web'],
  allowed: [
    ['shop/web-5c-x', 'orders/api-7f-a'],
    ['shop/web-5c-x', 'orders/api-7f-b'],
    ['shop/web-5c-y', 'orders/api-7f-a'],
    ['shop/web-5c-y', 'orders/api-7f-b'],
    ['shop/web-5c-z', 'orders/api-7f-a'],
    ['shop/web-5c-z', 'orders/api-7f-b'],
    ['shop/debug', 'orders/api-7f-a'],
    ['orders/api-7f-a', 'orders/api-7f-b'],
  ],
  classes: 3,
};

const states = new PairStates(matrix);
const [orders, shop] = groupPods(matrix);

void describe('matrix groups', () => {
  void it('groups pods by namespace, then by the workload named in their owner', () => {
    assert.deepEqual(
      groupPods(matrix).map((ns) => [
        ns.name,
        ns.pods,
        ns.workloads.map((w) => [w.key, w.kind, w.name, w.pods]),
      ]),
      [
        ['orders', 2, [['orders/Deployment/api', 'Deployment', 'api', [0, 1]]]],
        [
          'shop',
          4,
          [
            ['shop/debug', null, 'debug', [2]],
            ['shop/Deployment/web', 'Deployment', 'web', [3, 4, 5]],
          ],
        ],
      ],
    );
  });

  void it('treats pods without an owners list as Pods written as such', () => {
    const { owners: _, ...bare } = matrix;
    assert.deepEqual(
      groupPods(bare as ViewMatrix).flatMap((ns) => ns.workloads.map((w) => w.key)),
      ['orders/api-7f-a', 'orders/api-7f-b', 'shop/debug', 'shop/web-5c-x', 'shop/web-5c-y', 'shop/web-5c-z'],
    );
  });

  void it('lists a workload as one line, and its replicas after it once expanded', () => {
    assert.deepEqual(
      linesOf(shop!, matrix.pods, new Set()).map((l) => [l.kind, l.label, l.expanded]),
      [
        ['pod', 'debug', undefined],
        ['workload', 'web', false],
      ],
    );
    assert.deepEqual(
      linesOf(shop!, matrix.pods, new Set(['shop/Deployment/web'])).map((l) => [l.kind, l.label, l.pods]),
      [
        ['pod', 'debug', [2]],
        ['workload', 'web', [3, 4, 5]],
        ['replica', 'web-5c-x', [3]],
        ['replica', 'web-5c-y', [4]],
        ['replica', 'web-5c-z', [5]],
      ],
    );
  });

  // rows × cols (pod indexes) → state, pairs, allowed, the pair a click traces
  const table: [string, number[], number[], string, number, number, [number, number] | null][] = [
    ['every web replica reaches every api replica', [3, 4, 5], [0, 1], 'allowed', 6, 6, [3, 0]],
    ['api replicas: one way only', [0, 1], [0, 1], 'some', 2, 1, [0, 1]],
    ['web replicas among themselves', [3, 4, 5], [3, 4, 5], 'denied', 6, 0, [3, 4]],
    ['debug reaches one api replica of two', [2], [0, 1], 'some', 2, 1, [2, 0]],
    ['a pod to itself', [2], [2], 'self', 0, 0, null],
    ['nothing goes back to the shop', [0, 1], [2, 3, 4, 5], 'denied', 8, 0, [0, 2]],
  ];
  for (const [why, rows, cols, state, pairs, allowed, first] of table)
    void it(`aggregates: ${why}`, () => {
      const a = aggregate(states, rows, cols);
      assert.deepEqual([a.state, a.pairs, a.allowed, a.first], [state, pairs, allowed, first]);
    });

  void it('"allowed only" keeps rows and columns that let something through', () => {
    const lines = [...linesOf(orders!, matrix.pods, new Set()), ...linesOf(shop!, matrix.pods, new Set())];
    const all = visibleLines(states, lines, false);
    assert.equal(all.rows.length, 3);
    const { rows, cols } = visibleLines(states, lines, true);
    assert.deepEqual(
      rows.map((l) => l.label),
      ['api', 'debug', 'web'],
    );
    assert.deepEqual(
      cols.map((l) => l.label),
      ['api'],
    );
  });

  void it('reads the declared mode: partly open pairs and destinations without ports', () => {
    const declared: ViewMatrix = {
      ...matrix,
      mode: 'declared',
      allowed: [['shop/web-5c-x', 'orders/api-7f-a']],
      declared: {
        ports: [
          { port: 8080, protocol: 'TCP' },
          { port: 9090, protocol: 'TCP' },
        ],
        of: [[0, 1], [0, 1], [], [0], [0], [0]],
        partial: [['shop/web-5c-y', 'orders/api-7f-a', [0]]],
      },
    };
    const s = new PairStates(declared);
    assert.deepEqual(
      [s.state(3, 0), s.state(4, 0), s.state(5, 0), s.state(0, 2), s.state(2, 2)],
      ['allowed', 'partial', 'denied', 'noports', 'self'],
    );
    assert.deepEqual([s.openPorts(3, 0), s.openPorts(4, 0), s.openPorts(5, 0)], [[0, 1], [0], []]);
    const a = aggregate(s, [3, 4, 5], [0]);
    assert.deepEqual([a.state, a.allowed, a.partial, a.pairs], ['some', 1, 1, 3]);
    assert.equal(aggregate(s, [0, 1], [2]).state, 'noports');
    const alone = { classOf: [0, 1, 2, 3, 4, 5] };
    const { allowed: _, ...base } = declared;
    const byClass = new PairStates({
      ...base,
      declared: {
        ports: declared.declared!.ports,
        of: declared.declared!.of,
        reach: [
          { ...alone, reaches: [[], [], [], [0], [0], []] },
          { ...alone, reaches: [[], [], [], [0], [], []] },
        ],
      },
    });
    sameStates(byClass, s);
  });

  void it('reads the classes the server sends as the pairs they stand for', () => {
    const { allowed: _, ...base } = matrix;
    const byClass = new PairStates({
      ...base,
      reach: { classOf: [0, 1, 2, 3, 3, 3], reaches: [[1], [], [0], [0, 1]] },
    });
    sameStates(byClass, states);
  });
});

/** Every pair of the six pods has the same state, and the same open ports, in both. */
function sameStates(a: PairStates, b: PairStates): void {
  for (let i = 0; i < 6; i++)
    for (let j = 0; j < 6; j++) {
      assert.equal(a.state(i, j), b.state(i, j), `${i} → ${j}`);
      assert.deepEqual(a.openPorts(i, j), b.openPorts(i, j), `${i} → ${j}`);
    }
}
