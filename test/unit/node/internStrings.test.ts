// internStrings (node/internStrings.ts): every string value of plain data goes through the interner,
// at any depth, property names stay, an object reached twice is visited once, and nothing else moves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { internStrings } from '../../../server/src/node/internStrings';

/** An "interner" that marks what it was given, so a test can see which strings went through it. */
const marked = (s: string) => `<${s}>`;

void test('every string value is interned, at any depth; keys, numbers, booleans and null stay', () => {
  const data = {
    kind: 'Pod',
    n: 3,
    ok: true,
    none: null,
    labels: { app: 'web' },
    list: ['a', ['b', { c: 'd' }]],
  };
  assert.deepEqual(internStrings(data, marked), {
    kind: '<Pod>',
    n: 3,
    ok: true,
    none: null,
    labels: { app: '<web>' },
    list: ['<a>', ['<b>', { c: '<d>' }]],
  });
});

void test('the data is changed in place and an object shared by two places is visited once', () => {
  const shared = { app: 'web' };
  const data = { a: shared, b: [shared], top: 'x' };
  const out = internStrings(data, marked);
  assert.equal(out, data);
  assert.equal(out.a, out.b[0]);
  assert.deepEqual(shared, { app: '<web>' });
});

void test('a plain string is interned, and data nested deeper than the call stack is walked', () => {
  assert.equal(internStrings('x', marked), '<x>');
  let deep: unknown = 'leaf';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  internStrings(deep, marked);
  let at = deep;
  while (Array.isArray(at)) at = at[0];
  assert.equal(at, '<leaf>');
});
