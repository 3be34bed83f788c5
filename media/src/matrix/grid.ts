// The reachability matrix as an element description (pure): one row per source pod, one column per
// destination, each cell a button coloured allowed / denied (self pairs are never subject to policy).
import type { MatrixCell, MatrixResult } from '../../../server/src/protocol/requests';
import type { El } from '../shared/el';
import { cls, h } from '../shared/el';

export type CellState = 'allowed' | 'denied' | 'self';

/** The key of an ordered pair of pods (allowed pairs, cached reasons). */
export const pairKey = (from: string, to: string): string => `${from}\u0000${to}`;

export function allowedPairs(matrix: MatrixResult): Set<string> {
  return new Set(matrix.allowed.map(([from, to]) => pairKey(from, to)));
}

export function cellState(allowed: ReadonlySet<string>, from: string, to: string): CellState {
  if (from === to) return 'self';
  return allowed.has(pairKey(from, to)) ? 'allowed' : 'denied';
}

const SYMBOL: Record<CellState, string> = { allowed: '✓', denied: '✕', self: '·' };
const WORD: Record<CellState, string> = { allowed: 'allowed', denied: 'denied', self: 'same pod' };

function cell(from: string, to: string, state: CellState): El {
  const label = `${from} → ${to}: ${WORD[state]}`;
  return h('td', { class: cls('cell-td', state) }, [
    h(
      'button',
      {
        type: 'button',
        class: cls('cell', state),
        'data-action': 'trace',
        'data-from': from,
        'data-to': to,
        'aria-label': label,
      },
      SYMBOL[state],
    ),
  ]);
}

export function matrixSummary(matrix: MatrixResult, allowed = allowedPairs(matrix)): string {
  const pairs = matrix.pods.flatMap((f) =>
    matrix.pods.filter((t) => t !== f).map((t) => cellState(allowed, f, t)),
  );
  const ok = pairs.filter((s) => s === 'allowed').length;
  return `${matrix.pods.length} pods · ${ok} of ${pairs.length} pairs allowed · ${matrix.classes} classes evaluated`;
}

export function matrixView(matrix: MatrixResult): El {
  const allowed = allowedPairs(matrix);
  const head = h('tr', {}, [
    h('th', { scope: 'col', class: 'corner' }, 'from ↓ to →'),
    ...matrix.pods.map((p) => h('th', { scope: 'col', class: 'col-head', title: p }, [h('span', {}, p)])),
  ]);
  const rows = matrix.pods.map((from) =>
    h('tr', {}, [
      h('th', { scope: 'row', class: 'row-head' }, from),
      ...matrix.pods.map((to) => cell(from, to, cellState(allowed, from, to))),
    ]),
  );
  return h('div', { id: 'matrix-view' }, [
    h('header', {}, [
      h('h1', { id: 'matrix-title' }, `Reachability · ${matrix.protocol} ${matrix.port}`),
      h('p', { id: 'matrix-summary', class: 'meta' }, matrixSummary(matrix, allowed)),
      h('p', { class: 'legend meta' }, [
        h('span', { class: 'swatch allowed' }, '✓'),
        h('span', {}, ' allowed  '),
        h('span', { class: 'swatch denied' }, '✕'),
        h('span', {}, ' denied — hover a cell for the reason, click it to trace the packet.'),
      ]),
    ]),
    matrix.pods.length
      ? h('div', { class: 'matrix-wrap' }, [
          h('table', { id: 'matrix' }, [h('thead', {}, [head]), h('tbody', {}, rows)]),
        ])
      : h('p', { id: 'matrix-empty' }, 'The workspace declares no pods.'),
    h('div', { id: 'cell-reason', class: 'reason', role: 'status', 'aria-live': 'polite' }, ''),
  ]);
}

/** The reason panel's text for a cell. */
export function reasonText(cell: MatrixCell): string {
  return `${cell.from} → ${cell.to}: ${cell.allowed ? 'allowed' : 'denied'}. ${cell.reason}`;
}
