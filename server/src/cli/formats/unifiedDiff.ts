// A unified diff (`diff -u`, as git prints it) of a file before and after an edit: Myers' line diff,
// hunks with three lines of context.

const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = lineDiff(a, b);
  // git's a/ and b/ prefixes for relative paths (git apply, patch -p1); absolute paths as they are.
  const [from, to] = file.startsWith('/') ? [file, file] : [`a/${file}`, `b/${file}`];
  const out = [`--- ${from}`, `+++ ${to}`];
  for (const hunk of hunks(ops)) out.push(hunk);
  return out.join('\n') + '\n';
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (text.endsWith('\n') || text === '') lines.pop();
  return lines;
}

/** The shortest edit script from `a` to `b` (Myers 1986), as kept, removed and added lines. */
function lineDiff(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a.slice(start, endA), b.slice(start, endB));
  const same = (from: number, to: number): Op[] => a.slice(from, to).map((line) => ({ kind: ' ', line }));
  return [...same(0, start), ...middle, ...same(endA, a.length)];
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return [];
}

function backtrack(
  trace: readonly Int32Array[],
  a: readonly string[],
  b: readonly string[],
  offset: number,
  last: number,
): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = last; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (down) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x]! });
    y--;
  }
  return ops.reverse();
}

/** Groups of changes with their context, each headed `@@ -l,s +l,s @@`. */
function hunks(ops: readonly Op[]): string[] {
  const changed = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]));
  const out: string[] = [];
  let i = 0;
  while (i < changed.length) {
    const from = Math.max(0, changed[i]! - CONTEXT);
    let to = changed[i]!;
    while (i < changed.length && changed[i]! - to <= 2 * CONTEXT) to = changed[i++]!;
    const end = Math.min(ops.length, to + CONTEXT + 1);
    out.push(hunk(ops, from, end));
  }
  return out;
}

function hunk(ops: readonly Op[], from: number, end: number): string {
  let oldLine = 1;
  let newLine = 1;
  for (let j = 0; j < from; j++) {
    if (ops[j]!.kind !== '+') oldLine++;
    if (ops[j]!.kind !== '-') newLine++;
  }
  const body = ops.slice(from, end);
  const oldCount = body.filter((o) => o.kind !== '+').length;
  const newCount = body.filter((o) => o.kind !== '-').length;
  const range = (line: number, count: number) => `${count ? line : line - 1},${count}`;
  return [
    `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`,
    ...body.map((o) => o.kind + o.line),
  ].join('\n');
}
