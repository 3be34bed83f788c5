import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowedPairs,
  cellState,
  matrixSummary,
  matrixView,
  reasonText,
} from '../../../media/src/matrix/grid';
import { findById, textOf, walk } from '../../../media/src/shared/el';
import type { MatrixResult } from '../../../server/src/protocol/requests';

const matrix: MatrixResult = {
  protocol: 'TCP',
  port: 5432,
  pods: ['default/backend', 'default/db', 'default/web'],
  allowed: [
    ['default/backend', 'default/db'],
    ['default/web', 'default/backend'],
    ['default/db', 'default/db'],
  ],
  classes: 3,
};

void describe('matrix grid', () => {
  void it('colours each cell allowed, denied or self', () => {
    const allowed = allowedPairs(matrix);
    assert.equal(cellState(allowed, 'default/backend', 'default/db'), 'allowed');
    assert.equal(cellState(allowed, 'default/web', 'default/db'), 'denied');
    assert.equal(cellState(allowed, 'default/web', 'default/web'), 'self');
  });

  void it('builds one row per source and one button per destination', () => {
    const el = matrixView(matrix);
    const table = findById(el, 'matrix');
    assert.ok(table);
    const cells = [...walk(el)].filter((e) => e.tag === 'button');
    assert.equal(cells.length, 9);
    const webDb = cells.find(
      (c) => c.attrs['data-from'] === 'default/web' && c.attrs['data-to'] === 'default/db',
    );
    assert.deepEqual(
      [webDb?.attrs.class, webDb?.attrs['aria-label'], textOf(webDb!)],
      ['cell denied', 'default/web → default/db: denied', '✕'],
    );
    const backendDb = cells.find(
      (c) => c.attrs['data-from'] === 'default/backend' && c.attrs['data-to'] === 'default/db',
    );
    assert.equal(backendDb?.attrs.class, 'cell allowed');
    assert.equal(textOf(findById(el, 'matrix-title')!), 'Reachability · TCP 5432');
  });

  void it('summarises the pairs without counting self pairs', () => {
    assert.equal(matrixSummary(matrix), '3 pods · 2 of 6 pairs allowed · 3 classes evaluated');
  });

  void it('says so when there are no pods', () => {
    const el = matrixView({ ...matrix, pods: [], allowed: [] });
    assert.equal(textOf(findById(el, 'matrix-empty')!), 'The workspace declares no pods.');
  });

  void it('keeps hostile pod names as text and data', () => {
    const bad = '<img src=x onerror=alert(1)>';
    const el = matrixView({ ...matrix, pods: [bad, 'a/b'], allowed: [] });
    assert.ok([...walk(el)].every((e) => e.tag !== 'img'));
    assert.ok([...walk(el)].some((e) => e.attrs['data-from'] === bad));
  });

  void it('phrases the reason', () => {
    assert.equal(
      reasonText({ from: 'a/x', to: 'a/y', allowed: false, reason: 'a/y is isolated for ingress by a/p.' }),
      'a/x → a/y: denied. a/y is isolated for ingress by a/p.',
    );
  });
});
