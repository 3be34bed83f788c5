// Property: the equivalence-class matrix equals a brute-force pairwise evaluation, on random valid
// clusters and policies, for every port and protocol the generator uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { computeMatrix } from '../../../server/src/engine/matrix';
import { podKey } from '../../../server/src/engine/model';
import type { Topology } from '../../../server/src/engine/model';
import { evaluateConnection } from '../../../server/src/engine/reachability';
import type { Protocol } from '../../../server/src/engine/types';
import { clusterArbitrary, topologyOf } from '../../helpers/clusterGen';

function bruteForce(t: Topology, port: number, protocol: Protocol): string[] {
  const pods = [...t.pods].sort((a, b) => (podKey(a) < podKey(b) ? -1 : 1));
  const out: string[] = [];
  for (const src of pods) {
    for (const dst of pods) {
      if (evaluateConnection(t, src, dst, port, protocol).allowed) out.push(`${podKey(src)} ${podKey(dst)}`);
    }
  }
  return out;
}

void test('computeMatrix equals pairwise evaluateConnection on random clusters', () => {
  fc.assert(
    fc.property(
      clusterArbitrary({ namespaces: 4, pods: 14, policies: 8 }),
      fc.constantFrom(53, 80, 81, 8080),
      fc.constantFrom<Protocol>('TCP', 'UDP'),
      ({ spec }, port, protocol) => {
        const t = topologyOf(spec);
        const m = computeMatrix(t, port, protocol);
        assert.deepEqual(
          m.allowed.map(([f, d]) => `${f} ${d}`),
          bruteForce(t, port, protocol),
        );
        assert.ok(m.classes <= Math.max(1, t.pods.length));
      },
    ),
    { numRuns: 300 },
  );
});
