// Table lookups read indexes built on first use (entries by key, parsed route destinations): on
// random tables with repeated keys and overlapping routes they find what a linear search finds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cidrContains, parseCidr, parseIPv4 } from '../../../../server/src/engine/ipv4';
import { fdbOf, lookupRoute, neighbourOf } from '../../../../server/src/engine/dataplane/lookup';
import type { FdbEntry, Neighbour, NodeNet, Route } from '../../../../server/src/engine/dataplane/network';

const ip = fc.constantFrom('10.244.0.2', '10.244.0.3', '10.244.1.0', '10.0.0.1', '192.168.1.9');
const dev = fc.constantFrom('cni0', 'flannel.1', 'eth0');
const mac = fc.constantFrom('aa:00', 'aa:01', 'bb:00');
const dst = fc.constantFrom(
  'default',
  '10.244.0.0/16',
  '10.244.0.0/24',
  '10.244.1.0/24',
  '10.0.0.0/8',
  'bad/x',
);

const neighbours = fc.array(
  fc.record({ ip, dev, n: fc.nat(9) }).map((r): Neighbour => ({
    table: 'neigh',
    text: `n${r.n}`,
    origin: '',
    ip: r.ip,
    dev: r.dev,
    lladdr: `m${r.n}`,
  })),
  { maxLength: 12 },
);
const fdb = fc.array(
  fc
    .record({ mac, dev, n: fc.nat(9) })
    .map((r): FdbEntry => ({ table: 'fdb', text: `f${r.n}`, origin: '', mac: r.mac, dev: r.dev, dst: null })),
  { maxLength: 12 },
);
const routes = fc.array(
  fc
    .record({ dst, n: fc.nat(9) })
    .map((r): Route => ({ table: 'route', text: `r${r.n}`, origin: '', dst: r.dst, via: null, dev: 'eth0' })),
  { minLength: 1, maxLength: 10 },
);

function linearRoute(table: readonly Route[], at: string): Route | undefined {
  const addr = parseIPv4(at) ?? 0;
  let best: Route | undefined;
  let prefix = -1;
  for (const r of table) {
    const cidr = r.dst === 'default' ? { base: 0, prefix: 0 } : parseCidr(r.dst);
    if (cidr && cidr.prefix > prefix && cidrContains(cidr, addr)) [best, prefix] = [r, cidr.prefix];
  }
  return best;
}

void test('neighbour, FDB and route lookups find what a linear search finds', () => {
  fc.assert(
    fc.property(
      neighbours,
      fdb,
      routes,
      fc.array(fc.tuple(ip, dev, mac), { maxLength: 8 }),
      (n, f, r, asks) => {
        const node = { neighbours: n, fdb: f, routes: r } as unknown as NodeNet;
        for (const [a, d, m] of asks) {
          assert.equal(
            neighbourOf(node, a, d),
            n.find((x) => x.ip === a && x.dev === d),
          );
          assert.equal(
            fdbOf(node, m, d),
            f.find((x) => x.mac === m && x.dev === d),
          );
          const expected = linearRoute(r, a);
          if (expected) assert.equal(lookupRoute(r, a), expected);
          else assert.throws(() => lookupRoute(r, a), /no route/);
        }
      },
    ),
    { numRuns: 300 },
  );
});
