// `netpol-lens trace --from/--to` with workload names on samples/shop: `kind/ns/name` with kubectl's
// short names, plain `ns/name` (a pod first, then a workload), which replica was taken (JSON and
// text), and one-line errors naming the closest matches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, runJson } from './runCli';

interface NameJson {
  workload: string;
  pod: string;
  replicas: number;
  note: string;
}
interface TraceJson {
  from: string;
  to: string;
  verdict: string;
  workloads: { from: NameJson | null; to: NameJson | null };
}

const trace = (from: string, to: string, ...more: string[]) => [
  'trace',
  'samples/shop',
  '--from',
  from,
  '--to',
  to,
  '--port',
  '8080',
  ...more,
];

/** The first replica by name of a workload of samples/shop, from the JSON of `matrix`. */
function firstPod(prefix: string): string {
  const r = runJson<{ pods: string[] }>(['matrix', 'samples/shop', '--port', '80', '--format', 'json']);
  const pods = r.json.pods.filter((p) => p.startsWith(prefix)).sort();
  assert.ok(pods.length > 0, prefix);
  return pods[0]!;
}

void test('deploy/ns/name and its kubectl spellings stand for the first replica by name', () => {
  const web = firstPod('storefront/web-');
  const cart = firstPod('storefront/cart-');
  for (const from of ['deploy/storefront/web', 'deployment/storefront/web', 'Deployments/storefront/web']) {
    const r = runJson<TraceJson>(trace(from, 'deploy/storefront/cart', '--format', 'json'));
    assert.equal(r.status, 0, from);
    assert.equal(r.json.from, web);
    assert.equal(r.json.to, cart);
    assert.equal(r.json.verdict, 'delivered');
    assert.deepEqual(r.json.workloads.from, {
      workload: 'deploy/storefront/web',
      pod: web,
      replicas: 3,
      note:
        from === 'deploy/storefront/web'
          ? `deploy/storefront/web stands for ${web} (the first of 3 replicas by name)`
          : `${from} (deploy/storefront/web) stands for ${web} (the first of 3 replicas by name)`,
    });
    assert.equal(r.json.workloads.to?.workload, 'deploy/storefront/cart');
  }
});

void test('plain ns/name: a pod first, then a workload; a pod name keeps workloads null', () => {
  const web = firstPod('storefront/web-');
  const byWorkload = runJson<TraceJson>(trace('storefront/web', 'storefront/cart', '--format', 'json'));
  assert.equal(byWorkload.status, 0);
  assert.equal(byWorkload.json.from, web);
  assert.equal(byWorkload.json.workloads.from?.workload, 'deploy/storefront/web');
  const byPod = runJson<TraceJson>(trace(web, `pod/${firstPod('storefront/cart-')}`, '--format', 'json'));
  assert.equal(byPod.status, 0);
  assert.deepEqual(byPod.json.workloads, { from: null, to: null });
});

void test('the text format says which replica each workload stands for, under the heading', () => {
  const web = firstPod('storefront/web-');
  const cart = firstPod('storefront/cart-');
  const r = runCli(trace('deploy/storefront/web', 'storefront/cart'));
  assert.equal(r.status, 0);
  const lines = r.stdout.split('\n');
  assert.match(lines[0] ?? '', new RegExp(`^Trace ${web} → ${cart}, TCP 8080`));
  assert.equal(lines[1], `deploy/storefront/web stands for ${web} (the first of 3 replicas by name)`);
  assert.equal(
    lines[2],
    `storefront/cart (deploy/storefront/cart) stands for ${cart} (the first of 2 replicas by name)`,
  );
  assert.equal(lines[3], '');
});

void test('unknown workload or kind: exit 2, one line with the closest names of that form', () => {
  const cases: [string, string][] = [
    [
      'deploy/storefront/wbe',
      'netpol-lens: no source pod or workload "deploy/storefront/wbe" in the workspace; closest: deploy/storefront/web, deploy/storefront/cart, deploy/storefront/catalog\n',
    ],
    [
      'storefront/wbe',
      'netpol-lens: no source pod or workload "storefront/wbe" in the workspace; closest: storefront/web, storefront/cart, storefront/catalog\n',
    ],
    [
      'sts/data/postgres',
      'netpol-lens: no source pod or workload "sts/data/postgres" in the workspace; closest: deploy/data/postgres, deploy/data/search, deploy/data/redis\n',
    ],
  ];
  for (const [from, stderr] of cases) {
    const r = runCli(trace(from, 'storefront/cart'));
    assert.equal(r.status, 2, from);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, stderr);
  }
});

void test('a workload with 0 replicas: exit 2, one line saying so, as source or destination', () => {
  const scaled = (from: string, to: string) => [
    'trace',
    'samples/shop',
    'test/fixtures/cli/scaled-down.yaml',
    '--from',
    from,
    '--to',
    to,
    '--port',
    '8080',
  ];
  const cases: [string, string][] = [
    ['deploy/storefront/promo', 'storefront/cart'],
    ['storefront/web', 'deploy/storefront/promo'],
    ['storefront/promo', 'storefront/cart'],
  ];
  for (const [from, to] of cases) {
    const r = runCli(scaled(from, to));
    assert.equal(r.status, 2, `${from} → ${to}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'netpol-lens: deploy/storefront/promo has 0 replicas: no pod to trace\n');
  }
});
