// Summaries come back from a worker thread as structured-clone copies: every string a string of its
// own, where the worker's facts held one copy of each label, namespace, kind and the file's path
// (engine/cluster/facts.ts, Interner). 50,000 pods in closed files made 20 MB more of strings on the
// main thread, kept as long as the files are in the workspace. Walking the plain data once on receipt
// puts one copy of each string back.

/**
 * Replaces, in place, every string value in `value` (plain objects and arrays, nested to any depth)
 * with `intern(string)`; property names are left alone (V8 keeps one copy of each already). An object
 * reached twice is visited once. Returns `value` (interned, when it is a string).
 */
export function internStrings<T>(value: T, intern: (s: string) => string): T {
  const seen = new Set<object>();
  // An explicit stack: the data comes from the workspace's YAML and may nest deeper than the call stack.
  const stack: object[] = [];
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return intern(v);
    if (typeof v === 'object' && v !== null && !seen.has(v)) {
      seen.add(v);
      stack.push(v);
    }
    return v;
  };
  const top = visit(value) as T;
  while (stack.length) {
    const o = stack.pop() as Record<string, unknown> | unknown[];
    if (Array.isArray(o)) for (let i = 0; i < o.length; i++) o[i] = visit(o[i]);
    else for (const key of Object.keys(o)) o[key] = visit(o[key]);
  }
  return top;
}

/** An interner: the first copy of each string it is given. */
export function stringPool(): (s: string) => string {
  const known = new Map<string, string>();
  return (s) => {
    const k = known.get(s);
    if (k !== undefined) return k;
    known.set(s, s);
    return s;
  };
}
