// `drop.nearMiss` from `netpol-lens trace` on samples/shop: the rule that came closest to allowing a
// dropped connection, in JSON (contract: null or {policy, direction, rule, differs, explanation}) and
// as a line of the text format.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, runJson } from './runCli';

interface TraceJson {
  to: string;
  verdict: string;
  drop: {
    nearMiss: {
      policy: string;
      direction: string;
      rule: number;
      differs: string[];
      explanation: string;
    } | null;
  } | null;
}

const trace = (from: string, to: string, port: string, ...more: string[]) => [
  'trace',
  'samples/shop',
  '--from',
  from,
  '--to',
  to,
  '--port',
  port,
  ...more,
];

void test('catalog → search on the wrong port: the catalog egress rule to search, the port differs', () => {
  const r = runJson<TraceJson>(
    trace('deploy/storefront/catalog', 'deploy/data/search', '9201', '--format', 'json'),
  );
  assert.equal(r.status, 0);
  assert.equal(r.json.verdict, 'dropped');
  assert.deepEqual(r.json.drop?.nearMiss, {
    policy: 'storefront/catalog',
    direction: 'egress',
    rule: 2,
    differs: ['port'],
    explanation: `no egress rule allows TCP 9201 to ${r.json.to}; closest: storefront/catalog egress rule 2, which allows TCP 9200 to pods app=search in namespaces kubernetes.io/metadata.name=data (the port differs)`,
  });
  const text = runCli(trace('deploy/storefront/catalog', 'deploy/data/search', '9201'));
  assert.ok(text.stdout.includes(`\nClosest rule: ${r.json.drop?.nearMiss?.explanation}\n`), text.stdout);
});

void test('web → payments: the web egress rule into the orders namespace comes closest', () => {
  const r = runJson<TraceJson>(trace('storefront/web', 'orders/payments', '8443', '--format', 'json'));
  assert.equal(r.status, 0);
  const miss = r.json.drop?.nearMiss;
  assert.deepEqual([miss?.policy, miss?.rule, miss?.differs], ['storefront/web', 3, ['peer', 'port']]);
});

void test('a delivered trace has no drop, so no nearMiss; the text has no closest-rule line', () => {
  const r = runJson<TraceJson>(trace('storefront/web', 'orders/checkout', '8080', '--format', 'json'));
  assert.equal(r.json.verdict, 'delivered');
  assert.equal(r.json.drop, null);
  assert.ok(!runCli(trace('storefront/web', 'orders/checkout', '8080')).stdout.includes('Closest rule'));
});
