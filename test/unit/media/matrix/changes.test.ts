// The matrix's changes mode: cells whose pairs changed since HEAD are marked and say so, workload
// cells count their replicas' pairs, and the messages carrying the changed pairs are checked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ChangedCells, changeClass, changeText } from '../../../../media/src/matrix/changes';
import { matrixView } from '../../../../media/src/matrix/grid';
import {
  parseFromWebview,
  parseMatrixViewState,
  parseToWebview,
} from '../../../../server/src/protocol/webview';
import { findById, textOf, walk } from '../../../../media/src/shared/el';
import type { ChangedPairsResult, ViewMatrix } from '../../../../server/src/protocol/requests';

const matrix: ViewMatrix = {
  mode: 'port',
  protocol: 'TCP',
  port: 5432,
  pods: ['default/backend', 'default/db', 'default/web'],
  owners: [null, null, null],
  allowed: [['default/web', 'default/db']],
  classes: 3,
};

const changes: ChangedPairsResult = {
  available: true,
  message: '1 added, 1 removed connections vs HEAD',
  base: 'HEAD (3f2a1b0)',
  added: [['default/web', 'default/db']],
  removed: [['default/backend', 'default/db']],
};

const closed = { expanded: new Set<string>(), allowedOnly: false };

void describe('matrix changes mode', () => {
  void it("counts a cell from its rows' changes as pair by pair would, on random changes and lines", () => {
    const world = fc.integer({ min: 1, max: 8 }).chain((n) => {
      const pod = fc.integer({ min: 0, max: n - 1 });
      const pairs = fc.array(fc.tuple(pod, pod), { maxLength: 12 });
      const line = fc.uniqueArray(pod, { maxLength: n });
      return fc.record({ n: fc.constant(n), added: pairs, removed: pairs, rows: line, cols: line });
    });
    fc.assert(
      fc.property(world, ({ n, added, removed, rows, cols }) => {
        const pods = Array.from({ length: n }, (_, i) => `ns/p${i}`);
        const named = (xs: [number, number][]) => xs.map(([a, b]): [string, string] => [pods[a]!, pods[b]!]);
        const cells = new ChangedCells(
          { pods },
          { ...changes, added: named(added), removed: named(removed) },
        );
        const sign = new Map<string, number>();
        for (const [a, b] of added) sign.set(`${a} ${b}`, 1);
        for (const [a, b] of removed) sign.set(`${a} ${b}`, -1);
        const expected = { added: 0, removed: 0 };
        for (const src of rows)
          for (const dst of cols) {
            const s = src === dst ? undefined : sign.get(`${src} ${dst}`);
            if (s === 1) expected.added++;
            if (s === -1) expected.removed++;
          }
        assert.deepEqual(cells.count(rows, cols), expected);
        assert.deepEqual(cells.count(rows, rows), cells.count(rows, [...rows]));
      }),
      { numRuns: 300 },
    );
  });

  void it('counts the changed pairs of a cell, pods to themselves aside', () => {
    const cells = new ChangedCells(matrix, changes);
    const cases: [number[], number[], { added: number; removed: number }, string | false, string][] = [
      [[2], [1], { added: 1, removed: 0 }, 'newly-allowed', '; since HEAD: 1 newly allowed'],
      [[0], [1], { added: 0, removed: 1 }, 'newly-denied', '; since HEAD: 1 newly denied'],
      [
        [0, 1, 2],
        [1],
        { added: 1, removed: 1 },
        'newly-both',
        '; since HEAD: 1 newly allowed, 1 newly denied',
      ],
      [[1], [1], { added: 0, removed: 0 }, false, ''],
    ];
    for (const [rows, cols, counts, cls, text] of cases) {
      const c = cells.count(rows, cols);
      assert.deepEqual([c, changeClass(c), changeText(c)], [counts, cls, text]);
    }
  });

  void it('marks the changed cells, says what changed and offers the mode in the toolbar', () => {
    const el = matrixView(matrix, closed, changes);
    assert.equal(textOf(findById(el, 'matrix-title')!), 'Reachability · changes vs HEAD on TCP 5432');
    assert.equal(
      textOf(findById(el, 'matrix-changes')!),
      '1 added, 1 removed connections vs HEAD (vs HEAD (3f2a1b0))',
    );
    const marked = [...walk(el)]
      .filter((e) => e.tag === 'td' && /newly-/.test(e.attrs.class ?? ''))
      .map((td) => [
        td.attrs.class,
        (td.children[0] as { attrs: Record<string, string> }).attrs['aria-label'],
      ]);
    assert.deepEqual(marked, [
      ['cell-td denied newly-denied', 'backend → db: denied; since HEAD: 1 newly denied'],
      ['cell-td allowed newly-allowed', 'web → db: allowed; since HEAD: 1 newly allowed'],
    ]);
    const modes = [...walk(el)].filter((e) => e.attrs['data-mode']);
    assert.deepEqual(
      modes.map((b) => [b.attrs['data-mode'], b.attrs['aria-pressed']]),
      [
        ['port', 'false'],
        ['declared', 'false'],
        ['changes', 'true'],
      ],
    );
    const plain = matrixView(matrix, closed);
    assert.equal(findById(plain, 'matrix-changes'), undefined);
    assert.ok(![...walk(plain)].some((e) => /newly-/.test(e.attrs.class ?? '')));
  });

  void it('says why nothing is compared outside a repository', () => {
    const none = {
      ...changes,
      available: false,
      message: 'No reachability changes to show: not inside a git repository: /ws.',
      added: [],
      removed: [],
    };
    assert.equal(textOf(findById(matrixView(matrix, closed, none), 'matrix-changes')!), none.message);
  });

  void it('checks the messages: changed pairs, the changes mode, the saved mode', () => {
    assert.deepEqual(parseToWebview({ type: 'matrix', matrix, changes }), {
      type: 'matrix',
      matrix,
      changes,
    });
    const bad = { ...changes, added: [['default/web']] };
    assert.deepEqual(parseToWebview({ type: 'matrix', matrix, changes: bad }), { type: 'matrix', matrix });
    const mode = (m: string) =>
      parseFromWebview({ type: 'request', id: 1, method: 'matrixMode', params: { mode: m } });
    assert.equal(mode('changes')?.type, 'request');
    assert.equal(mode('diff'), null);
    assert.equal(
      parseMatrixViewState({ view: 'matrix', port: 80, protocol: 'TCP', mode: 'changes' })?.mode,
      'changes',
    );
  });
});
