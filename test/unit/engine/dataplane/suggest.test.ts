import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestPods, editDistance } from '../../../../server/src/engine/dataplane/suggest';

void describe('editDistance', () => {
  void it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    assert.equal(editDistance('web', 'web'), 0);
    assert.equal(editDistance('wbe', 'web'), 1);
    assert.equal(editDistance('db', 'dbb'), 1);
    assert.equal(editDistance('backend', 'backed'), 1);
    assert.equal(editDistance('Web', 'web'), 0);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});

void describe('closestPods', () => {
  const keys = ['default/web', 'default/backend', 'default/db', 'shop/web'];

  void it('compares bare names with pod names, closest first, ties by key', () => {
    assert.deepEqual(closestPods('wbe', keys), ['default/web', 'shop/web', 'default/db']);
  });

  void it('compares ns/name with whole keys', () => {
    assert.deepEqual(closestPods('default/dbb', keys), ['default/db', 'default/web', 'default/backend']);
  });

  void it('returns nothing when there are no pods', () => {
    assert.deepEqual(closestPods('web', []), []);
  });
});
