// The CLI's JSON layout: indented, flat values inline, and always the same data as JSON.stringify.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { toJson } from '../../../../server/src/cli/formats/json';

void test('flat pairs and positions stay on one line; long flat arrays break', () => {
  assert.equal(
    toJson({ pods: ['a/b'], allowed: [['a/b', 'a/b']], range: { start: { line: 1, character: 2 } } }),
    '{\n  "pods": ["a/b"],\n  "allowed": [\n    ["a/b","a/b"]\n  ],\n  "range": {\n    "start": {"line":1,"character":2}\n  }\n}\n',
  );
  const long = ['x'.repeat(60), 'y'.repeat(60)];
  assert.equal(toJson(long), `[\n  "${long[0]}",\n  "${long[1]}"\n]\n`);
  assert.equal(toJson([]), '[]\n');
  assert.equal(toJson({ a: [], b: {}, c: undefined }), '{\n  "a": [],\n  "b": {}\n}\n');
});

void test('any JSON value round-trips to what JSON.stringify gives', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      assert.deepEqual(JSON.parse(toJson(v)), JSON.parse(JSON.stringify(v)));
    }),
    { numRuns: 300 },
  );
});
