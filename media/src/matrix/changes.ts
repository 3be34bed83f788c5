// The matrix's changes mode (pure): which pod pairs are newly allowed or newly denied since HEAD, and
// how a cell of rows × columns (a workload sums its replicas) reads and is coloured.
import type { ChangedPairsResult, ViewMatrix } from '../../../server/src/protocol/requests';

export interface CellChanges {
  added: number;
  removed: number;
}

/**
 * The changed pairs by matrix index, for counting a cell's pairs without building strings: the
 * changes of a row line's pods are summed by destination once, so a cell adds up its columns.
 */
export class ChangedCells {
  private readonly bySource = new Map<number, [number, 1 | -1][]>();
  private readonly byRows = new WeakMap<readonly number[], { added: Int32Array; removed: Int32Array }>();
  private readonly n: number;

  constructor(
    matrix: Pick<ViewMatrix, 'pods'>,
    readonly result: ChangedPairsResult,
  ) {
    const n = (this.n = matrix.pods.length);
    const index = new Map(matrix.pods.map((p, i) => [p, i]));
    const changed = new Map<number, 1 | -1>();
    const mark = (pairs: readonly [string, string][], sign: 1 | -1) => {
      for (const [a, b] of pairs) {
        const [i, j] = [index.get(a), index.get(b)];
        if (i !== undefined && j !== undefined && i !== j) changed.set(i * n + j, sign);
      }
    };
    mark(result.added, 1);
    mark(result.removed, -1);
    for (const [id, sign] of changed) {
      const src = Math.floor(id / n);
      const list = this.bySource.get(src) ?? [];
      list.push([id % n, sign]);
      this.bySource.set(src, list);
    }
  }

  /** How many pairs of the cell (pods to themselves aside) are newly allowed and newly denied. */
  count(rows: readonly number[], cols: readonly number[]): CellChanges {
    const out = { added: 0, removed: 0 };
    if (!this.bySource.size) return out;
    const { added, removed } = this.fromRows(rows);
    for (const dst of cols) {
      out.added += added[dst]!;
      out.removed += removed[dst]!;
    }
    return out;
  }

  /** For each destination, how many of `rows` newly reach it and newly do not (cached: lines repeat). */
  private fromRows(rows: readonly number[]): { added: Int32Array; removed: Int32Array } {
    let sums = this.byRows.get(rows);
    if (!sums) {
      sums = { added: new Int32Array(this.n), removed: new Int32Array(this.n) };
      for (const src of rows)
        for (const [dst, sign] of this.bySource.get(src) ?? [])
          (sign === 1 ? sums.added : sums.removed)[dst]!++;
      this.byRows.set(rows, sums);
    }
    return sums;
  }
}

/** The class that colours a cell: newly allowed, newly denied, or both among its pairs. */
export function changeClass(c: CellChanges): string | false {
  if (c.added && c.removed) return 'newly-both';
  if (c.added) return 'newly-allowed';
  return c.removed > 0 && 'newly-denied';
}

/** `; since HEAD: 2 newly allowed, 1 newly denied`, or nothing when the cell did not change. */
export function changeText(c: CellChanges): string {
  const parts = [
    c.added ? `${c.added} newly allowed` : '',
    c.removed ? `${c.removed} newly denied` : '',
  ].filter(Boolean);
  return parts.length ? `; since HEAD: ${parts.join(', ')}` : '';
}
