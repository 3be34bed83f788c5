// `matrix --format json` streams its pairs (streamMatrix + LazyList, written piece by piece): the text
// must be byte for byte what laying out the whole computeMatrix result gives, on random worlds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { jsonPieces, LazyList, toJson } from '../../server/src/cli/formats/json';
import { computeMatrix, streamMatrix } from '../../server/src/engine/matrix';
import type { Topology } from '../../server/src/engine/model';
import type { Protocol } from '../../server/src/engine/types';
import { cluster, clusterArbitrary, seeded, topologyOf } from '../helpers/clusterGen';

/** The text the CLI wrote before streaming: the whole result, laid out at once. */
function wholeText(t: Topology, port: number, protocol: Protocol): string {
  const m = computeMatrix(t, port, protocol);
  return toJson({ protocol: m.protocol, port: m.port, pods: m.pods, allowed: m.allowed, classes: m.classes });
}

/** What the CLI writes now, piece by piece. */
function streamedPieces(t: Topology, port: number, protocol: Protocol): string[] {
  const m = streamMatrix(t, port, protocol);
  const allowed = new LazyList(() => m.allowed());
  return [...jsonPieces({ protocol: m.protocol, port: m.port, pods: m.pods, allowed, classes: m.classes })];
}

void test('streamed matrix JSON equals the whole layout on random worlds', () => {
  fc.assert(
    fc.property(
      clusterArbitrary({ namespaces: 4, pods: 24, policies: 10 }),
      fc.constantFrom(53, 80, 81, 8080),
      fc.constantFrom<Protocol>('TCP', 'UDP'),
      ({ spec }, port, protocol) => {
        const t = topologyOf(spec);
        assert.equal(streamedPieces(t, port, protocol).join(''), wholeText(t, port, protocol));
      },
    ),
    { numRuns: 200 },
  );
});

void test('a large streamed matrix comes in several pieces of bounded size, same bytes', () => {
  const t = topologyOf(cluster(seeded(7), { namespaces: 3, pods: 400, policies: 12 }));
  const pieces = streamedPieces(t, 80, 'TCP');
  const whole = wholeText(t, 80, 'TCP');
  assert.ok(pieces.length > 2, `${pieces.length} pieces for ${whole.length} characters`);
  assert.ok(pieces.every((p) => p.length < (1 << 16) + 200));
  assert.equal(pieces.join(''), whole);
});

void test('any JSON value with its nested lists given as lazy lists lays out as the plain value', () => {
  /** Lists holding a list or an object are never written on one line, lazy or not. */
  const nested = (v: unknown[]) => v.some((x) => x !== null && typeof x === 'object');
  const lazify = (v: unknown, coin: () => boolean): unknown => {
    if (Array.isArray(v)) {
      const items = v.map((x) => lazify(x, coin));
      return nested(v) && coin() ? new LazyList(() => items) : items;
    }
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lazify(x, coin)]));
    return v;
  };
  fc.assert(
    fc.property(fc.jsonValue(), fc.infiniteStream(fc.boolean()), (v, coins) => {
      const it = coins[Symbol.iterator]();
      const lazy = lazify(v, () => it.next().value === true);
      assert.equal([...jsonPieces(lazy)].join(''), toJson(v));
    }),
    { numRuns: 300 },
  );
});
