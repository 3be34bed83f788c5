// The matrix's changes mode (pure): which pod pairs are newly allowed or newly denied since HEAD, and
// how a cell of rows × columns (a workload sums its replicas) reads and is coloured.
import type { ChangedPairsResult, ViewMatrix } from '../../../server/src/protocol/requests';

export interface CellChanges {
  added: number;
  removed: number;
}

/** The changed pairs by matrix index, for counting a cell's pairs without building strings. */
export class ChangedCells {
  private readonly changed = new Map<number, 1 | -1>();
  private readonly n: number;

  constructor(
    matrix: Pick<ViewMatrix, 'pods'>,
    readonly result: ChangedPairsResult,
  ) {
    this.n = matrix.pods.length;
    const index = new Map(matrix.pods.map((p, i) => [p, i]));
    const mark = (pairs: readonly [string, string][], sign: 1 | -1) => {
      for (const [a, b] of pairs) {
        const [i, j] = [index.get(a), index.get(b)];
        if (i !== undefined && j !== undefined) this.changed.set(i * this.n + j, sign);
      }
    };
    mark(result.added, 1);
    mark(result.removed, -1);
  }

  /** How many pairs of the cell (pods to themselves aside) are newly allowed and newly denied. */
  count(rows: readonly number[], cols: readonly number[]): CellChanges {
    const out = { added: 0, removed: 0 };
    if (!this.changed.size) return out;
    for (const src of rows)
      for (const dst of cols) {
        const sign = src === dst ? undefined : this.changed.get(src * this.n + dst);
        if (sign === 1) out.added++;
        else if (sign === -1) out.removed++;
      }
    return out;
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
