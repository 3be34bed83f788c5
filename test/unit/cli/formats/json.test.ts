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

void test('a flat array is written as JSON.stringify writes it, byte for byte', () => {
  const scalar = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('default/web', 'a"b', 'a\\b', '\u2028', '\ud800', ''),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constantFrom(null, undefined, -0, NaN, Infinity),
  );
  fc.assert(
    fc.property(fc.array(scalar, { maxLength: 6 }), (items) => {
      const text = JSON.stringify(items);
      const expected = text.length <= 100 ? `[\n  ${text}\n]\n` : undefined;
      if (expected) assert.equal(toJson([items]), expected);
      assert.equal(
        toJson([items, items]),
        expected ? `[\n  ${text},\n  ${text}\n]\n` : toJson([items, items]),
      );
    }),
    { numRuns: 1000 },
  );
});
