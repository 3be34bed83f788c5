// `matrix --format text`: a grid, rows = from, columns = to, numbered so wide clusters stay readable.
// Unicode glyphs on a terminal, ASCII otherwise; the same input always prints the same text.
import type { Protocol } from '../../engine/types';
import { plural, printable, style } from './style';

export interface MatrixView {
  protocol: Protocol;
  /** A number, or a port name / `declared` resolved per destination (see `ports`). */
  port: number | string;
  /** With a name or `declared`: the numbers checked on each destination. */
  ports?: Readonly<Record<string, readonly number[]>>;
  pods: readonly string[];
  allowed: readonly (readonly [string, string])[];
  /** False on plain flannel: every packet is delivered, the grid shows what the policies would decide. */
  enforced: boolean;
}

const GLYPHS = {
  unicode: { allowed: '✓', denied: '✗', self: '·' },
  ascii: { allowed: '+', denied: 'x', self: '.' },
};

export function matrixText(m: MatrixView, options: { tty: boolean; color: boolean }): string {
  if (!m.pods.length) return `${m.protocol}/${m.port}: no pods in the files, nothing to evaluate.\n`;
  const s = style(options.color);
  const g = options.tty ? GLYPHS.unicode : GLYPHS.ascii;
  const allowed = new Set(m.allowed.map(([from, to]) => `${from}\u0000${to}`));
  const names = m.pods.map(printable);
  const n = m.pods.length;
  const num = String(n).length;
  const nameWidth = Math.max(...names.map((p) => p.length));
  /** Every glyph is one column wide: pad first, colour after, so escapes never skew the grid. */
  const pad = ' '.repeat(num);
  const lead = ' '.repeat(num + 1 + nameWidth);
  const lines = [
    header(m, allowed, n),
    ...resolution(m),
    '',
    lead + m.pods.map((_, j) => String(j + 1).padStart(num + 1)).join(''),
  ];
  m.pods.forEach((from, i) => {
    const cells = m.pods.map((to, j) => {
      if (i === j) return pad + s.dim(g.self);
      return pad + (allowed.has(`${from}\u0000${to}`) ? s.good(g.allowed) : s.bad(g.denied));
    });
    lines.push(`${String(i + 1).padStart(num)} ${names[i]!.padEnd(nameWidth)}${cells.join('')}`);
  });
  lines.push('', `${g.allowed} allowed   ${g.denied} denied   ${g.self} same pod (not subject to policy)`);
  if (!m.enforced)
    lines.push(
      'Policies are not enforced (plain flannel): every connection goes through; the grid shows what they would allow.',
    );
  return lines.join('\n') + '\n';
}

/** How a name (or `declared`) resolved: which numbers, on how many destinations, and who lacks it. */
function resolution(m: MatrixView): string[] {
  if (!m.ports) return [];
  const counts = new Map<string, number>();
  let none = 0;
  for (const numbers of Object.values(m.ports)) {
    if (!numbers.length) none++;
    else counts.set(numbers.join(', '), (counts.get(numbers.join(', ')) ?? 0) + 1);
  }
  const what = m.port === 'declared' ? "each destination's declared ports" : `port ${m.port}`;
  const found = [...counts].map(([numbers, count]) => `${numbers} on ${plural(count, 'pod')}`);
  const lacking = none
    ? [
        `${plural(none, 'pod')} ${m.port === 'declared' ? 'declare none' : 'have no such port'} and cannot be reached on it`,
      ]
    : [];
  const parts = [...found, ...lacking].join('; ');
  return [
    printable(
      `${what} for ${m.protocol}: ${parts || 'no pods'}${m.port === 'declared' ? ' (a cell is allowed when one of them is)' : ''}`,
    ),
  ];
}

/** `TCP/5432: 4 of 6 connections allowed between 3 pods (rows: from, columns: to)`; self pairs not counted. */
function header(m: MatrixView, allowed: ReadonlySet<string>, n: number): string {
  const pairs = m.pods.flatMap((from) =>
    m.pods.filter((to) => to !== from).map((to) => `${from}\u0000${to}`),
  );
  const count = pairs.filter((p) => allowed.has(p)).length;
  return `${m.protocol}/${m.port}: ${count} of ${plural(n * (n - 1), 'connection')} allowed between ${plural(n, 'pod')} (rows: from, columns: to)`;
}
