// Property: the class-based reachability diff equals the set difference of the two brute-force
// matrices (every pair, every port, one evaluateConnection at a time), on random clusters and random
// edits; and every reason it gives holds in the revision it speaks of.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { connectionsOf, diffReachability } from '../../../../server/src/engine/diff';
import type { Cause, ChangeGroup } from '../../../../server/src/engine/diff';
import { analyseRevisions } from '../../../../server/src/engine/diff/revisions';
import { findPod } from '../../../../server/src/engine/topology';
import type { Topology } from '../../../../server/src/engine/model';
import { podKey } from '../../../../server/src/engine/model';
import { evaluateConnection } from '../../../../server/src/engine/reachability';
import { bruteForceDiff, filesOf, revisionsArbitrary } from './edits';
import type { Port } from './edits';

function lines(groups: readonly ChangeGroup[], change: string): string[] {
  return groups
    .filter((g) => g.change === change)
    .flatMap((g) => [...connectionsOf(g)].map((c) => `${c.from} ${c.to} ${c.protocol}/${c.port}`))
    .sort();
}

/** Each cause, checked on one connection of the group with the single-connection evaluator. */
function checkCauses(g: ChangeGroup, base: Topology, head: Topology): void {
  const c = connectionsOf(g).next().value!;
  const verdict = (t: Topology) =>
    evaluateConnection(t, findPod(t, c.from).pod!, findPod(t, c.to).pod!, c.port, c.protocol);
  const before = verdict(base);
  const after = verdict(head);
  const named = (ps: { namespace: string; name: string }[]) => ps.map(podKey);
  for (const cause of g.causes as Cause[]) {
    const b = before[cause.direction]!;
    const a = after[cause.direction]!;
    if (cause.kind === 'allowed-by') {
      assert.ok(!b.allowed && a.allowed);
      assert.ok(a.allowedBy.some((x) => podKey(x.policy) === cause.policy && x.ruleIndex + 1 === cause.rule));
    } else if (cause.kind === 'no-longer-isolated') {
      assert.ok(b.isolated && !b.allowed && !a.isolated);
      assert.deepEqual(cause.policies, named(b.isolatingPolicies));
    } else if (cause.kind === 'now-isolated') {
      assert.ok(!b.isolated && a.isolated && !a.allowed);
      assert.deepEqual(cause.policies, named(a.isolatingPolicies));
    } else {
      assert.ok(b.allowed && b.isolated && !a.allowed);
      assert.ok(b.allowedBy.some((x) => podKey(x.policy) === cause.policy && x.ruleIndex + 1 === cause.rule));
      assert.deepEqual(cause.policies, named(a.isolatingPolicies));
    }
  }
  assert.ok(g.causes.length >= 1 && g.causes.length <= 2);
}

function check(baseFiles: ReturnType<typeof filesOf>, headFiles: ReturnType<typeof filesOf>, port?: Port) {
  const r = analyseRevisions(baseFiles, headFiles);
  const base = r.base.topology;
  const head = r.head.topology;
  const diff = diffReachability(base, head, port ?? {});
  const expected = bruteForceDiff(base, head, port);
  assert.deepEqual(lines(diff.groups, 'added'), expected.added);
  assert.deepEqual(lines(diff.groups, 'removed'), expected.removed);
  assert.equal(diff.added, expected.added.length);
  assert.equal(diff.removed, expected.removed.length);
  assert.equal(diff.unchanged, expected.total - expected.added.length - expected.removed.length);
  for (const g of diff.groups) checkCauses(g, base, head);
}

void test('diff over classes equals the brute-force difference on declared ports', () => {
  fc.assert(
    fc.property(revisionsArbitrary, ({ base, head }) => check(filesOf(base), filesOf(head))),
    { numRuns: 250 },
  );
});

void test('diff over classes equals the brute-force difference on one port for every pair', () => {
  fc.assert(
    fc.property(
      revisionsArbitrary,
      fc.constantFrom(53, 80, 81, 8080),
      fc.constantFrom<Port['protocol']>('TCP', 'UDP'),
      ({ base, head }, port, protocol) => check(filesOf(base), filesOf(head), { port, protocol }),
    ),
    { numRuns: 150 },
  );
});
