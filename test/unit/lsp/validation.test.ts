import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEBOUNCE_MS, debounceAfter, MIN_DEBOUNCE_MS } from '../../../server/src/lsp/validation';

void test('edits wait twice the last validation time, from 50 to 200 ms', () => {
  assert.equal(debounceAfter(undefined), DEBOUNCE_MS);
  assert.equal(debounceAfter(3), MIN_DEBOUNCE_MS);
  assert.equal(debounceAfter(40), 80);
  assert.equal(debounceAfter(150), DEBOUNCE_MS);
  assert.equal(debounceAfter(40, 20), 20);
});
