// Colour decisions (https://no-color.org, FORCE_COLOR) for the CLI's text output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wantsColor } from '../../../server/src/cli/output';

void test('colour on a terminal unless NO_COLOR or TERM=dumb; FORCE_COLOR wins; never on a pipe by default', () => {
  assert.equal(wantsColor(true, {}), true);
  assert.equal(wantsColor(true, { NO_COLOR: '1' }), false);
  assert.equal(wantsColor(true, { NO_COLOR: '' }), true);
  assert.equal(wantsColor(true, { TERM: 'dumb' }), false);
  assert.equal(wantsColor(false, {}), false);
  assert.equal(wantsColor(false, { FORCE_COLOR: '1' }), true);
  assert.equal(wantsColor(false, { FORCE_COLOR: '0' }), false);
  assert.equal(wantsColor(true, { FORCE_COLOR: '1', NO_COLOR: '1' }), true);
});
