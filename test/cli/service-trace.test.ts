// `netpol-lens trace` through Services on the built binary: every --to form, --endpoint, --port by
// name, traffic from outside, which of a pod and a Service was taken, and one-line usage errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, runJson } from './runCli';

interface TraceJson {
  to: string;
  verdict: string;
  hops: { nat: { type: string; from: string; to: string; rule: string } | null }[];
  service: {
    name: string;
    clusterIP: string | null;
    port: number;
    targetPort: number | null;
    endpoint: string | null;
    endpoints: string[];
    nodePort?: number;
  } | null;
  dns: { query: string; answer: string[]; verdict: string; hops: unknown[] } | null;
  drop: { reason: string; stage: string } | null;
}

const trace = (...args: string[]) => ['trace', 'test/fixtures/dataplane', '--format', 'json', ...args];

void test('--to svc/ns/name: the DNAT hop, the service field, the endpoint note on stderr', () => {
  const r = runJson<TraceJson>(trace('--from', 'shop/api', '--to', 'svc/shop/pg', '--port', '5432'));
  assert.equal(r.status, 0);
  assert.equal(r.json.verdict, 'delivered');
  assert.deepEqual(
    r.json.hops.filter((h) => h.nat).map((h) => [h.nat!.type, h.nat!.to]),
    [['DNAT', '10.244.1.20:15432']],
  );
  assert.deepEqual(
    { ...r.json.service, clusterIP: undefined },
    {
      name: 'shop/pg',
      clusterIP: undefined,
      port: 5432,
      targetPort: 15432,
      endpoint: 'shop/pg-0',
      endpoints: ['shop/pg-0', 'shop/pg-1'],
    },
  );
  assert.equal(
    r.stderr,
    'netpol-lens: note: kube-proxy picks one of the 2 endpoints at random for each connection; this trace follows shop/pg-0 (--endpoint shop/pg-1 picks another)\n',
  );
});

void test('a DNS name with --port by name, a ClusterIP, --endpoint, and a nodePort from outside', () => {
  const byName = runJson<TraceJson>(trace('--from', 'shop/api', '--to', 'pg.shop', '--port', 'postgres'));
  assert.deepEqual(
    [byName.status, byName.json.dns?.query, byName.json.dns?.verdict],
    [0, 'pg.shop.svc.cluster.local', 'delivered'],
  );
  const byIP = runJson<TraceJson>(trace('--from', 'shop/api', '--to', '10.96.100.20', '--port', '5432'));
  assert.deepEqual([byIP.json.service?.name, byIP.json.service?.endpoint], ['shop/db', 'shop/db']);
  const picked = runJson<TraceJson>(
    trace('--from', 'shop/api', '--to', 'svc/shop/pg', '--port', '5432', '--endpoint', 'shop/pg-1'),
  );
  assert.equal(picked.json.service?.endpoint, 'shop/pg-1');
  const outside = runJson<TraceJson>(
    trace('--from', '203.0.113.7', '--to', '192.168.56.12', '--port', '30080'),
  );
  assert.deepEqual(
    [outside.json.service?.nodePort, outside.json.hops.flatMap((h) => (h.nat ? [h.nat.type] : []))],
    [30080, ['DNAT', 'SNAT']],
  );
});

void test('flanneld’s masquerade towards the outside has the nat field of the other rewrites', () => {
  const r = runJson<TraceJson>(trace('--from', 'shop/api', '--to', '93.184.216.34', '--port', '443'));
  const nat = r.json.hops.flatMap((h) => (h.nat ? [h.nat] : []));
  assert.deepEqual(
    nat.map((n) => [
      n.type,
      n.from.split(':')[0],
      n.to.split(':')[0],
      n.rule.startsWith('-A FLANNEL-POSTRTG '),
    ]),
    [['SNAT', '10.244.0.6', '192.168.56.11', true]],
  );
});

void test('--to naming both a pod and a Service takes the pod and says how to pick the Service', () => {
  const r = runJson<TraceJson>(trace('--from', 'shop/api', '--to', 'shop/db', '--port', '5432'));
  assert.deepEqual([r.status, r.json.service], [0, null]);
  assert.equal(
    r.stderr,
    'netpol-lens: note: "shop/db" names both the pod shop/db and the Service shop/db: traced to the pod; use --to svc/shop/db for the Service\n',
  );
});

void test('the text format shows the Service, the DNS lookup and the rewrite', () => {
  const r = runCli([
    'trace',
    'test/fixtures/dataplane',
    '--from',
    'shop/api',
    '--to',
    'pg',
    '--port',
    '5432',
  ]);
  assert.equal(r.status, 0);
  assert.match(
    r.stdout,
    /^Service shop\/pg: ClusterIP 10\.\d+\.\d+\.\d+:5432 → shop\/pg-0 targetPort 15432; endpoints: shop\/pg-0, shop\/pg-1$/m,
  );
  assert.match(
    r.stdout,
    /^DNS lookup of pg\.shop\.svc\.cluster\.local \(UDP 53 to kube-dns\): delivered, 10\./m,
  );
  assert.match(r.stdout, /\[DNAT 10\.\d+\.\d+\.\d+:5432 → 10\.244\.1\.20:15432\]$/m);
});

void test('usage errors are one line on stderr, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [
      ['--to', 'svc/shop/nope', '--port', '5432'],
      /^netpol-lens: no Service "shop\/nope" in the workspace; closest: svc\/shop\/api, svc\/shop\/pg, svc\/shop\/db$/,
    ],
    [
      ['--to', 'svc/shop/pg', '--port', '15432'],
      /^netpol-lens: Service shop\/pg has no port 15432\/TCP \(its ports: postgres 5432\/TCP; --port takes the Service port, not the targetPort\)$/,
    ],
    [
      ['--to', 'svc/shop/pg', '--port', '5432', '--endpoint', 'shop/db'],
      /^netpol-lens: shop\/db is not an endpoint of Service shop\/pg on that port; closest: shop\/pg-0, shop\/pg-1$/,
    ],
    [
      ['--to', 'svc/shop/pg', '--port', '5432', '--service-cidr', 'bogus'],
      /^netpol-lens: option '--service-cidr <CIDR>' argument 'bogus' is invalid\. /,
    ],
    [
      ['--to', 'shop/db', '--port', 'postgres'],
      /^netpol-lens: a port name \(--port postgres\) needs a Service destination; give a pod the port number$/,
    ],
    [
      ['--to', '192.168.56.12', '--port', '30080'],
      /^netpol-lens: 192\.168\.56\.12:30080 is the nodePort of Service shop\/web; .* trace --to svc\/shop\/web/,
    ],
  ];
  for (const [args, expected] of cases) {
    const r = runCli(['trace', 'test/fixtures/dataplane', '--from', 'shop/api', ...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    assert.match(r.stderr.trimEnd(), expected);
  }
});

void test('internalTrafficPolicy Local: the node-local endpoint, or a drop with a clear reason', () => {
  const paths = ['test/fixtures/dataplane', 'test/fixtures/services-local'];
  const local = runJson<TraceJson>([
    'trace',
    ...paths,
    '--format',
    'json',
    '--from',
    'shop/api',
    '--to',
    'pg-local',
    '--port',
    '5432',
  ]);
  assert.equal(local.status, 0, local.stderr);
  assert.deepEqual(
    [
      local.json.verdict,
      local.json.service?.endpoint,
      local.json.service?.endpoints,
      local.json.dns?.verdict,
    ],
    ['delivered', 'shop/pg-1', ['shop/pg-1'], 'delivered'],
  );
  assert.equal(
    local.stderr,
    'netpol-lens: note: Service shop/pg-local has internalTrafficPolicy Local: pods on node-a use only its endpoints on node-a (shop/pg-1); 1 on other nodes never receive their connections\n',
  );
  const none = runCli([
    'trace',
    ...paths,
    '--from',
    'shop/cache',
    '--to',
    'svc/shop/pg-local',
    '--port',
    '5432',
  ]);
  assert.equal(none.status, 0, none.stderr);
  assert.match(none.stdout, /\nDropped: no local endpoint of svc\/shop\/pg-local on that node\n/);
  assert.match(
    none.stdout,
    /Service shop\/pg-local has internalTrafficPolicy Local and no endpoint for postgres 5432\/TCP on node-c \(its 2 endpoints are on other nodes\): kube-proxy drops connections from pods on node-c\./,
  );
  const wrong = runCli([
    'trace',
    ...paths,
    '--from',
    'shop/api',
    '--to',
    'svc/shop/pg-local',
    '--port',
    '5432',
    '--endpoint',
    'shop/pg-0',
  ]);
  assert.equal(wrong.status, 2);
  assert.equal(
    wrong.stderr,
    'netpol-lens: shop/pg-0 is not on node-a: Service shop/pg-local has internalTrafficPolicy Local, so pods on node-a reach only its endpoints there; closest: shop/pg-1\n',
  );
});
