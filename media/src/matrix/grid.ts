// The reachability matrix as an element description (pure): rows and columns grouped by namespace
// and workload (groups.ts), each cell a button showing whether its pairs are allowed, denied or
// some of each; a toolbar to switch between one port and the declared ports, to show only what
// is allowed and to open or close every workload. Labels are workload names, never rotated hashes.
import type { ChangedPairsResult, MatrixCell, ViewMatrix } from '../../../server/src/protocol/requests';
import type { El } from '../shared/el';
import { cls, h } from '../shared/el';
import type { Aggregate, CellState, Line, NamespaceGroup, Workload } from './groups';
import { PairStates, aggregate, groupPods, linesOf, opens, visibleLines } from './groups';
import { ChangedCells, changeClass, changeText } from './changes';

/** What the user chose in the view (kept in the webview's state). */
export interface MatrixChoices {
  expanded: ReadonlySet<string>;
  allowedOnly: boolean;
}

/** The key of an ordered pair of pods (cached reasons). */
export const pairKey = (from: string, to: string): string => `${from}\u0000${to}`;

const SYMBOL: Record<CellState, string> = { allowed: '✓', denied: '✕', some: '◐', noports: '–', self: '·' };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How a line reads in a sentence: the workload with its replica count, or the pod. */
function lineName(line: Line): string {
  return line.kind === 'workload' ? `${line.label} (${plural(line.pods.length, 'pod')})` : line.label;
}

/** How many pod pairs are allowed, in words ("on every declared port" in that mode). */
function pairsText(a: Aggregate, declared: boolean): string {
  const every = declared ? ' on every declared port' : '';
  const some = a.partial ? `, ${a.partial} on some only` : '';
  if (a.allowed === a.pairs) return `all ${a.pairs} pod pairs allowed${every}`;
  return `${a.allowed} of ${a.pairs} pod pairs allowed${every}${some}`;
}

/** One sentence for a cell: what its pairs are (a workload cell sums its replicas' pairs). */
export function cellSummary(row: Line, col: Line, a: Aggregate, declared = false): string {
  const head = `${lineName(row)} → ${lineName(col)}`;
  if (a.state === 'self') return `${head}: a pod to itself, not subject to policy`;
  if (a.state === 'noports') return `${head}: declares no container port`;
  if (a.pairs > 1) return `${head}: ${pairsText(a, declared)}`;
  return `${head}: ${a.state === 'allowed' ? 'allowed' : a.partial ? 'allowed on some ports' : 'denied'}`;
}

interface Grid {
  matrix: ViewMatrix;
  states: PairStates;
  choices: MatrixChoices;
  /** In the changes mode: the pairs changed since HEAD. */
  changed?: ChangedCells | undefined;
}

/**
 * The trace a click opens: the cell's first pair, on the port that explains it best. A pod's cell
 * to itself names the pod on both sides (nothing to trace).
 */
function traceTarget(g: Grid, a: Aggregate, row: Line): Record<string, string | number> {
  const [src, dst] = a.first ?? (row.pods.length === 1 ? [row.pods[0]!, row.pods[0]!] : [-1, -1]);
  if (src < 0) return {};
  const target: Record<string, string | number> = {
    'data-from': g.matrix.pods[src]!,
    'data-to': g.matrix.pods[dst]!,
  };
  const declared = g.matrix.declared;
  if (!declared) return target;
  const ports = declared.of[dst] ?? [];
  const open = new Set(g.states.openPorts(src, dst));
  // A partly open pair traces a port that is refused: that is the one to explain.
  const port = declared.ports[ports.find((i) => !open.has(i)) ?? ports[0] ?? -1];
  return port ? { ...target, 'data-port': port.port, 'data-protocol': port.protocol } : target;
}

function cell(g: Grid, row: Line, col: Line, first: boolean): El {
  const a = aggregate(g.states, row.pods, col.pods);
  const changes = g.changed?.count(row.pods, col.pods);
  const summary =
    cellSummary(row, col, a, g.matrix.mode === 'declared') + (changes ? changeText(changes) : '');
  const quiet = g.choices.allowedOnly && !opens(a.state) && a.state !== 'self';
  const changed = changes && changeClass(changes);
  return h('td', { class: cls('cell-td', a.state, first && 'ns-start', changed) }, [
    h(
      'button',
      {
        type: 'button',
        class: cls('cell', a.state, quiet && 'quiet'),
        'data-row': row.key,
        'data-col': col.key,
        'data-summary': summary,
        'aria-label': summary,
        ...traceTarget(g, a, row),
      },
      quiet ? '' : SYMBOL[a.state],
    ),
    ...(quiet || (a.state !== 'denied' && a.state !== 'some') ? [] : [allowButton(g, row, col, a)]),
  ]);
}

/** How an intent names a line: a workload as `kind/ns/name` (every replica), a pod by its key. */
export function intentRef(line: Line): string {
  if (line.kind !== 'workload') return line.key;
  const [ns, kind, name] = line.key.split('/') as [string, string, string];
  return `${kind.toLowerCase()}/${ns}/${name}`;
}

/** "Allow…" above a denied (or partly denied) cell, shown while the cell is hovered or focused. */
function allowButton(g: Grid, row: Line, col: Line, a: Aggregate): El {
  const from = intentRef(row);
  const to = intentRef(col);
  const target = traceTarget(g, a, row);
  const port = target['data-port'];
  const on = port === undefined ? '' : ` on ${String(port)}`;
  return h(
    'button',
    {
      type: 'button',
      class: 'intent-allow',
      'data-from': from,
      'data-to': to,
      ...(port === undefined ? {} : { 'data-port': port, 'data-protocol': target['data-protocol']! }),
      title: `Propose the smallest edit that allows ${from} → ${to}${on}`,
    },
    'Allow…',
  );
}

const toggleLabel = (line: Line): string => `${line.expanded ? '▾' : '▸'} ${line.label}`;

/** The button that opens a workload's line to its replicas (and closes it). */
function toggleButton(line: Line, children: El[]): El {
  const attrs = {
    type: 'button',
    class: 'toggle',
    'data-toggle': line.key,
    'aria-expanded': String(!!line.expanded),
  };
  return h('button', attrs, children);
}

/** A line's tooltip: `Deployment data/kafka · 3 pods` (kubectl's order), or the pod's key. */
function lineTitle(line: Line): string {
  if (line.kind !== 'workload') return line.key;
  const kind = line.key.split('/')[1] ?? '';
  return `${kind} ${line.namespace}/${line.label} · ${plural(line.pods.length, 'pod')}`;
}

function rowHead(line: Line): El {
  const title = lineTitle(line);
  const label =
    line.kind === 'workload'
      ? toggleButton(line, [
          h('span', {}, toggleLabel(line)),
          h('span', { class: 'count' }, ` ×${line.pods.length}`),
        ])
      : h('span', {}, line.label);
  return h('th', { scope: 'row', class: cls('row-head', line.kind), title }, [label]);
}

/** A column's label: the workload's name, or a replica's own suffix (its row says the full name). */
function colLabel(line: Line): string {
  if (line.kind === 'workload') return `${line.label} ×${line.pods.length}`;
  if (line.kind === 'replica') return `…${line.label.slice(line.label.lastIndexOf('-'))}`;
  return line.label;
}

function colHead(line: Line, first: boolean): El {
  const text = h('span', {}, colLabel(line));
  const content = line.kind === 'workload' ? toggleButton(line, [text]) : text;
  const attrs = {
    scope: 'col',
    class: cls('col-head', line.kind, first && 'ns-start'),
    title: lineTitle(line),
  };
  return h('th', attrs, [content]);
}

interface Section {
  ns: NamespaceGroup;
  rows: Line[];
  cols: Line[];
}

/** Each namespace with the lines it shows as rows and as columns ("allowed only" may hide some). */
function sections(g: Grid): Section[] {
  const groups = groupPods(g.matrix).map((ns) => ({
    ns,
    lines: linesOf(ns, g.matrix.pods, g.choices.expanded),
  }));
  const visible = visibleLines(
    g.states,
    groups.flatMap((s) => s.lines),
    g.choices.allowedOnly,
  );
  const rows = new Set(visible.rows);
  const cols = new Set(visible.cols);
  return groups.map(({ ns, lines }) => ({
    ns,
    rows: lines.filter((l) => rows.has(l)),
    cols: lines.filter((l) => cols.has(l)),
  }));
}

function table(g: Grid): El {
  const shown = sections(g);
  const colGroups = shown.filter((s) => s.cols.length);
  const colLines = colGroups.flatMap((s) => s.cols.map((c, i) => ({ line: c, first: i === 0 })));
  const head = [
    h('tr', { class: 'ns-heads' }, [
      h('th', { class: 'corner', rowspan: 2, scope: 'col' }, 'from ↓  to →'),
      ...colGroups.map((s) =>
        h('th', { class: 'ns-head ns-start', colspan: s.cols.length, scope: 'colgroup', title: s.ns.name }, [
          h('span', { class: 'ns-name' }, s.ns.name),
        ]),
      ),
    ]),
    h(
      'tr',
      { class: 'col-heads' },
      colLines.map((c) => colHead(c.line, c.first)),
    ),
  ];
  const body = shown
    .filter((s) => s.rows.length)
    .flatMap((s) => [
      h('tr', { class: 'ns-row' }, [
        h('th', { scope: 'rowgroup', class: 'ns-label' }, [
          h('span', {}, s.ns.name),
          h('span', { class: 'meta' }, ` ${podsText(s.ns.workloads)}`),
        ]),
        h('td', { class: 'ns-fill', colspan: colLines.length }, ''),
      ]),
      ...s.rows.map((r) =>
        h('tr', { class: cls('line', r.kind) }, [
          rowHead(r),
          ...colLines.map((c) => cell(g, r, c.line, c.first)),
        ]),
      ),
    ]);
  if (!body.length) return h('p', { id: 'matrix-empty' }, 'Nothing is allowed between these pods.');
  return h('div', { class: 'matrix-wrap' }, [
    h('table', { id: 'matrix' }, [h('thead', {}, head), h('tbody', {}, body)]),
  ]);
}

export function matrixSummary(matrix: ViewMatrix, states = new PairStates(matrix)): string {
  const n = matrix.pods.length;
  const all = Array.from({ length: n }, (_, i) => i);
  const a = aggregate(states, all, all);
  const workloads = groupPods(matrix).flatMap((ns) => ns.workloads);
  return `${podsText(workloads)} · ${pairsText(a, matrix.mode === 'declared')}`;
}

/** "29 pods in 13 workloads", "3 pods", or "4 pods: 1 workload and 2 standalone pods". */
function podsText(groups: readonly Workload[]): string {
  const pods = plural(
    groups.reduce((n, w) => n + w.pods.length, 0),
    'pod',
  );
  const workloads = groups.filter((w) => w.kind !== null).length;
  const standalone = groups.length - workloads;
  if (!workloads) return pods;
  if (!standalone) return `${pods} in ${plural(workloads, 'workload')}`;
  return `${pods}: ${plural(workloads, 'workload')} and ${plural(standalone, 'standalone pod')}`;
}

function toolbar(matrix: ViewMatrix, choices: MatrixChoices, changes: boolean): El {
  const declared = matrix.mode === 'declared';
  const mode = (value: string, label: string, on: boolean) =>
    h(
      'button',
      { type: 'button', class: cls('mode', on && 'on'), 'data-mode': value, 'aria-pressed': String(on) },
      label,
    );
  return h('div', { class: 'toolbar' }, [
    h('span', { class: 'group', role: 'group', 'aria-label': 'Ports' }, [
      mode('port', `${matrix.protocol} ${matrix.port}`, !declared && !changes),
      mode('declared', 'Declared ports of each destination', declared),
      mode('changes', `Changes vs HEAD on ${matrix.protocol} ${matrix.port}`, changes),
    ]),
    h('label', { class: 'check' }, [
      h('input', { type: 'checkbox', id: 'allowed-only', checked: choices.allowedOnly }),
      h('span', {}, ' Allowed only'),
    ]),
    h('button', { type: 'button', id: 'expand-all' }, 'Open all workloads'),
    h('button', { type: 'button', id: 'collapse-all' }, 'Close all'),
  ]);
}

function legend(declared: boolean, changes: boolean): El {
  const swatch = (state: CellState, word: string) => [
    h('span', { class: cls('swatch', state) }, SYMBOL[state]),
    h('span', {}, ` ${word}  `),
  ];
  return h('p', { class: 'legend meta' }, [
    ...swatch('allowed', declared ? 'allowed on every declared port' : 'allowed'),
    ...swatch('denied', 'denied'),
    ...swatch('some', declared ? 'some pods or ports allowed' : 'some pod pairs allowed'),
    ...(declared ? swatch('noports', 'no declared port') : []),
    ...(changes
      ? [
          h('span', { class: 'swatch newly-allowed' }, '+'),
          h('span', {}, ' newly allowed  '),
          h('span', { class: 'swatch newly-denied' }, '−'),
          h('span', {}, ' newly denied since HEAD'),
        ]
      : []),
  ]);
}

/** The changes line of the changes mode: what changed since which commit, or why nothing is compared. */
function changesLine(c: ChangedPairsResult): El {
  return h(
    'p',
    { id: 'matrix-changes', class: 'meta' },
    c.available ? `${c.message} (vs ${c.base})` : c.message,
  );
}

export function matrixView(matrix: ViewMatrix, choices: MatrixChoices, changes?: ChangedPairsResult): El {
  const states = new PairStates(matrix);
  const declared = matrix.mode === 'declared';
  const port = `${matrix.protocol} ${matrix.port}`;
  const title = declared
    ? 'declared ports of each destination'
    : changes
      ? `changes vs HEAD on ${port}`
      : port;
  const changed = changes && new ChangedCells(matrix, changes);
  return h('div', { id: 'matrix-view' }, [
    h('header', {}, [
      h('h1', { id: 'matrix-title' }, `Reachability · ${title}`),
      h('p', { id: 'matrix-summary', class: 'meta' }, matrixSummary(matrix, states)),
      toolbar(matrix, choices, !!changes),
      changes ? changesLine(changes) : null,
      legend(declared, !!changes),
      h('p', { class: 'meta' }, 'Hover a cell for the reason; click it to trace the packet.'),
    ]),
    matrix.pods.length
      ? table({ matrix, states, choices, changed })
      : h('p', { id: 'matrix-empty' }, 'The workspace declares no pods.'),
    h('div', { id: 'cell-reason', class: 'reason', role: 'status', 'aria-live': 'polite', hidden: true }, ''),
  ]);
}

/** The reason panel's text for a pair: the verdict, then the server's sentences, one per line. */
export function reasonText(cell: MatrixCell): string {
  return `${cell.from} → ${cell.to}: ${cell.allowed ? 'allowed' : 'denied'}.\n${cell.reason}`;
}
