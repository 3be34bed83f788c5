// Property: selectors matched through the per-namespace label index (selectorCandidates) give exactly
// what filtering every pod gives: the same pods in the same order, a reason exactly when none and the
// reason a scan of every pod gives, on random clusters and random selectors (several matchLabels
// pairs, expressions, values no pod carries).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  describeNamespaces,
  matchPeer,
  matchPodSelector,
  namespaceLabels,
  peerMatchesSomePod,
  whyNoMatch,
} from '../../../server/src/engine/matching';
import type { LabelSelector, Peer, Pod, Topology } from '../../../server/src/engine/model';
import { selectorMatches } from '../../../server/src/engine/selectors';
import { APPS, clusterArbitrary, TIERS, topologyOf } from '../../helpers/clusterGen';

const selectorArbitrary: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: fc.record(
    { app: fc.constantFrom(...APPS, 'none'), tier: fc.constantFrom(...TIERS, '') },
    { requiredKeys: [] },
  ),
  matchExpressions: fc.array(
    fc.record({
      key: fc.constantFrom('app', 'tier'),
      operator: fc.constantFrom('In' as const, 'NotIn' as const, 'Exists' as const, 'DoesNotExist' as const),
      values: fc.constantFrom(['web', 'front'], ['db'], []),
    }),
    { maxLength: 2 },
  ),
});

/** Every pod of the namespace, in topology order, that the selector matches. */
const bruteForce = (t: Topology, namespace: string, s: LabelSelector): Pod[] =>
  t.pods.filter((p) => p.namespace === namespace && selectorMatches(s, p.labels));

void test('selectors matched through the label index equal a filter of every pod', () => {
  fc.assert(
    fc.property(
      clusterArbitrary({ namespaces: 3, pods: 30, policies: 0 }),
      selectorArbitrary,
      selectorArbitrary,
      ({ spec }, podSelector, namespaceSelector) => {
        const t = topologyOf(spec);
        const namespaces = [...t.namespaces.keys(), 'elsewhere'];
        for (const ns of namespaces) {
          const m = matchPodSelector(t, ns, podSelector);
          assert.deepEqual(m.pods, bruteForce(t, ns, podSelector));
          const inNamespace = t.pods.filter((p) => p.namespace === ns);
          if (!m.pods.length && inNamespace.length)
            assert.equal(m.reason, whyNoMatch('pod', `in namespace ${ns}`, inNamespace, podSelector));
          assert.equal(peerMatchesSomePod(t, ns, { podSelector }), m.pods.length > 0);
        }
        const peer: Peer = { podSelector, namespaceSelector };
        const chosen = [...t.namespaces.values()].filter((n) =>
          selectorMatches(namespaceSelector, namespaceLabels(t, n.name)),
        );
        const expected = chosen.flatMap((n) => bruteForce(t, n.name, podSelector));
        const m = matchPeer(t, 'elsewhere', peer);
        assert.deepEqual(m.pods, expected);
        assert.equal(m.reason === undefined, expected.length > 0);
        const candidates = t.pods.filter((p) => chosen.some((n) => n.name === p.namespace));
        if (!expected.length && candidates.length) {
          const where = `in ${describeNamespaces(chosen.map((n) => n.name))}`;
          assert.equal(m.reason, whyNoMatch('pod', where, candidates, podSelector));
        }
        assert.equal(peerMatchesSomePod(t, 'elsewhere', peer), expected.length > 0);
      },
    ),
    { numRuns: 300 },
  );
});
