import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Aggregate } from '../../../../media/src/matrix/groups';
import { PairStates, aggregate } from '../../../../media/src/matrix/groups';
import type { ClassReach, ViewMatrix } from '../../../../server/src/protocol/requests';

/** The cell as it was computed before profiles: every pair of distinct pods, one by one. */
function pairByPair(states: PairStates, rows: readonly number[], cols: readonly number[]): Aggregate {
  const out: Aggregate = { state: 'self', pairs: 0, allowed: 0, partial: 0, first: null };
  let noports = 0;
  for (const src of rows)
    for (const dst of cols) {
      const s = states.state(src, dst);
      if (s === 'self') continue;
      out.pairs++;
      out.first ??= [src, dst];
      if (s === 'allowed') out.allowed++;
      else if (s === 'partial') out.partial++;
      else if (s === 'noports') noports++;
    }
  if (out.pairs === 0) out.state = 'self';
  else if (out.allowed === out.pairs) out.state = 'allowed';
  else if (noports === out.pairs) out.state = 'noports';
  else out.state = out.allowed + out.partial === 0 ? 'denied' : 'some';
  return out;
}

/** Classes of `n` pods (some pods may lack one, as a short `classOf` would say) and who reaches whom. */
const classReach = (n: number): fc.Arbitrary<ClassReach> =>
  fc.integer({ min: 1, max: 4 }).chain((k) =>
    fc.record({
      classOf: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n - 1, maxLength: n }),
      reaches: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: k - 1 })), { minLength: k, maxLength: k }),
    }),
  );

/** A random world: pods, a mode, the classes the server would send, and a few lines of pods. */
const world = fc.integer({ min: 1, max: 9 }).chain((n) => {
  const pods = Array.from({ length: n }, (_, i) => `ns/p${i}`);
  const base = { protocol: 'TCP' as const, port: 80, pods, owners: pods.map(() => null), classes: 0 };
  const port = classReach(n).map((reach): ViewMatrix => ({ ...base, mode: 'port', reach }));
  const declared = fc.integer({ min: 1, max: 3 }).chain((p) =>
    fc
      .record({
        reach: fc.array(classReach(n), { minLength: p, maxLength: p }),
        of: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: p - 1 })), { minLength: n, maxLength: n }),
      })
      .map(({ reach, of }): ViewMatrix => {
        const ports = Array.from({ length: p }, (_, i) => ({ port: 80 + i, protocol: 'TCP' as const }));
        return { ...base, mode: 'declared', declared: { ports, of, reach } };
      }),
  );
  const line = fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n });
  return fc.record({
    matrix: fc.oneof(port, declared),
    lines: fc.array(line, { minLength: 1, maxLength: 4 }),
  });
});

/** The same matrix as lists of pairs (what views built from pairs receive). */
function asPairs(matrix: ViewMatrix): ViewMatrix {
  const byClass = new PairStates(matrix);
  const { reach: _, declared, ...base } = matrix;
  const allowed: [string, string][] = [];
  const partial: [string, string, number[]][] = [];
  matrix.pods.forEach((a, i) =>
    matrix.pods.forEach((b, j) => {
      const s = byClass.state(i, j);
      if (s === 'allowed') allowed.push([a, b]);
      if (s === 'partial') partial.push([a, b, byClass.openPorts(i, j)]);
    }),
  );
  if (!declared) return { ...base, allowed };
  return { ...base, allowed, declared: { ports: declared.ports, of: declared.of, partial } };
}

void describe('matrix cells by profile', () => {
  void it('sum up the same pairs as counting pair by pair, on random worlds', () => {
    fc.assert(
      fc.property(world, ({ matrix, lines }) => {
        const byClass = new PairStates(matrix);
        const byPairs = new PairStates(asPairs(matrix));
        for (const rows of lines)
          for (const cols of [...lines, rows]) {
            const expected = pairByPair(byClass, rows, cols);
            assert.deepEqual(aggregate(byClass, rows, cols), expected);
            assert.deepEqual(aggregate(byPairs, rows, cols), expected);
          }
      }),
      { numRuns: 400 },
    );
  });

  void it('count a workload of alike replicas by profile: 3 × 2 pairs from one pair of profiles', () => {
    const pods = ['a/w-1', 'a/w-2', 'a/w-3', 'b/x-1', 'b/x-2'];
    const matrix: ViewMatrix = {
      mode: 'port',
      protocol: 'TCP',
      port: 80,
      pods,
      owners: ['Deployment/w', 'Deployment/w', 'Deployment/w', 'Deployment/x', 'Deployment/x'],
      classes: 2,
      reach: { classOf: [0, 0, 0, 1, 1], reaches: [[1], []] },
    };
    const states = new PairStates(matrix);
    assert.deepEqual([...states.profiles.sources([0, 1, 2])], [[0, { count: 3, pod: 0 }]]);
    assert.deepEqual(aggregate(states, [0, 1, 2], [3, 4]), {
      state: 'allowed',
      pairs: 6,
      allowed: 6,
      partial: 0,
      first: [0, 3],
    });
    assert.deepEqual(aggregate(states, [0, 1, 2], [0, 1, 2]), {
      state: 'denied',
      pairs: 6,
      allowed: 0,
      partial: 0,
      first: [0, 1],
    });
  });
});
