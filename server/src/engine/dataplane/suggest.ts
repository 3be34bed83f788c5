// "Did you mean": the pod keys closest to what the user typed, by edit distance.

const MAX_SUGGESTIONS = 3;

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of adjacent characters
 * (optimal string alignment), case-insensitive: "wbe" is one edit from "web".
 */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++)
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[x.length][y.length];
}

/**
 * The pod keys (`ns/name`) closest to `query`: compared whole when the query names a namespace,
 * else by pod name. Closest first, ties by key; at most three.
 */
export function closestPods(query: string, keys: readonly string[]): string[] {
  const byName = !query.includes('/');
  const scored = keys.map((key) => {
    const target = byName ? key.slice(key.indexOf('/') + 1) : key;
    return { key, distance: editDistance(query, target) };
  });
  scored.sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.key);
}
