// `netpol-lens trace` on the built binary: the samples' seed scenario, JSON contract shape, text
// table, exit codes, usage errors with suggestions.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runCli, runJson } from './runCli';

interface HopJson {
  step: string | null;
  node: string;
  netns: string;
  device: string;
  action: string;
  encapsulation: { type: string; outerSrc: string; outerDst: string; udpDstPort: number; vni: number } | null;
}
interface TraceJson {
  verdict: 'delivered' | 'dropped';
  hops: HopJson[];
  drop: { direction: string; pod: string; policies: string[] } | null;
  wouldDrop: { direction: string; pod: string; policies: string[] } | null;
  summary: string;
}

/** The demo as it is after its two quick fixes: samples/seed/ (the broken file is left out) and the corrected policies. */
const trace = (from: string, to: string, port: string, ...more: string[]) => [
  'trace',
  'samples/seed',
  'samples/seed-policies-fixed.yaml',
  '--from',
  from,
  '--to',
  to,
  '--port',
  port,
  '--protocol',
  'TCP',
  ...more,
];
const shop = (...names: string[]) => names.map((n) => path.join('test', 'fixtures', 'dataplane', n));
const NOTE =
  /^netpol-lens: note: samples\/seed\/seed-policies-as-written\.yaml has errors; objects with errors are left out/;

void test('web → db TCP 5432 on the samples: dropped by default/db-access-ingress, exit 0', () => {
  const r = runJson<TraceJson>(trace('default/web', 'default/db', '5432', '--format', 'json'));
  assert.equal(r.status, 0);
  const [note, podOrService, ...more] = r.stderr.trim().split('\n');
  assert.match(note ?? '', NOTE);
  assert.equal(
    podOrService,
    'netpol-lens: note: "default/db" names both the pod default/db and the Service default/db: traced to the pod; use --to svc/default/db for the Service',
  );
  assert.deepEqual(more, []);
  assert.equal(r.json.verdict, 'dropped');
  assert.deepEqual(
    { direction: r.json.drop?.direction, pod: r.json.drop?.pod, policies: r.json.drop?.policies },
    { direction: 'ingress', pod: 'default/db', policies: ['default/db-access-ingress'] },
  );
  for (const hop of r.json.hops) {
    assert.ok(hop.step === null || typeof hop.step === 'string');
    assert.ok(['node-1', 'node-2'].includes(hop.node));
    const netns = hop.step === '5' ? 'underlay' : 'root';
    assert.ok(hop.netns === netns || /^default\/(web|db)$/.test(hop.netns));
    assert.equal(typeof hop.device, 'string');
    assert.ok(hop.action.length > 0);
    assert.ok(hop.encapsulation === null || hop.encapsulation.type === 'vxlan');
  }
  const last = r.json.hops.at(-1);
  assert.deepEqual([last?.step, last?.node, last?.device], [null, 'node-2', 'cni0']);
});

void test('backend → db TCP 5432: delivered through the seed’s steps 1…8 over VXLAN', () => {
  const r = runJson<TraceJson>(trace('default/backend', 'default/db', '5432', '--format', 'json'));
  assert.equal(r.status, 0);
  assert.equal(r.json.verdict, 'delivered');
  assert.equal(r.json.drop, null);
  assert.deepEqual(
    r.json.hops.map((h) => h.step).filter((s) => s !== null),
    ['1', '1', '2', '3a', '3b', '3c', '4', '5', '6a', '6b', '6c', '7', '8', '8'],
  );
  const vxlan = {
    type: 'vxlan',
    outerSrc: '192.168.56.11',
    outerDst: '192.168.56.12',
    udpDstPort: 8472,
    vni: 1,
  };
  const encapsulated = r.json.hops.filter((h) => h.encapsulation);
  assert.deepEqual(
    encapsulated.map((h) => h.step),
    ['3b', '3c', '4', '5', '6a', '6b'],
  );
  for (const h of encapsulated) assert.deepEqual(h.encapsulation, vxlan);
  assert.deepEqual(
    r.json.hops.filter((h) => h.device === 'flannel.1').map((h) => `${h.node} ${h.step}`),
    ['node-1 3a', 'node-1 3b', 'node-2 6b'],
  );
});

void test('same input, byte-identical JSON', () => {
  const args = trace('default/backend', 'default/db', '5432', '--format', 'json');
  const first = runCli(args);
  const second = runCli(args);
  assert.equal(first.status, 0);
  assert.equal(first.stdout, second.stdout);
});

void test('text: a table with the steps, then the verdict line, no colours without a terminal', () => {
  const r = runCli(trace('web', 'db', '5432'));
  assert.equal(r.status, 0);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'Trace default/web → default/db, TCP 5432 (flannel vxlan, policy enforcement on)');
  assert.match(lines[2] ?? '', /^STEP {2}NODE {4}NETNS {8}DEVICE {8}ACTION$/);
  assert.match(
    lines[3] ?? '',
    /^1 {5}node-1 {2}default\/web {2}eth0 {10}default\/web sends TCP 5432 to default\/db/,
  );
  assert.ok(lines.some((l) => /^3b {4}node-1 {2}root {9}flannel\.1 {5}/.test(l)));
  assert.ok(lines.some((l) => /^5 {5}node-1 {2}underlay {5}underlay {6}the underlay network/.test(l)));
  assert.ok(lines.includes('Dropped by default/db-access-ingress'));
  assert.ok(!r.stdout.includes('\u001b['), 'no ANSI escapes');
});

void test('--no-enforcement: delivered, with the policy that would have dropped it', () => {
  const r = runJson<TraceJson>(
    trace('default/web', 'default/db', '5432', '--no-enforcement', '--format', 'json'),
  );
  assert.equal(r.status, 0);
  assert.equal(r.json.verdict, 'delivered');
  assert.equal(r.json.drop, null);
  assert.deepEqual(r.json.wouldDrop?.policies, ['default/db-access-ingress']);
  const text = runCli(trace('default/web', 'default/db', '5432', '--no-enforcement'));
  assert.ok(
    text.stdout.includes(
      'Delivered (not enforced: a policy engine would drop it by default/db-access-ingress)',
    ),
  );
});

void test('an address outside the cluster: delivered out of the node, masqueraded', () => {
  const r = runJson<TraceJson>(trace('default/web', '1.1.1.1', '443', '--format', 'json'));
  assert.equal(r.status, 0);
  assert.equal(r.json.verdict, 'delivered');
  assert.match(
    r.json.summary,
    /left the cluster through node-1's eth0 towards 1\.1\.1\.1, masqueraded to 192\.168\.56\.11/,
  );
});

void test('unknown pod: exit 2, one line on stderr naming the closest matches', () => {
  const r = runCli(trace('default/wbe', 'default/db', '5432'));
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.match(lines[0] ?? '', NOTE);
  assert.equal(
    lines[1],
    'netpol-lens: no source pod or workload "default/wbe" in the workspace; closest: default/web, default/db, default/backend',
  );
  assert.equal(lines.length, 2);
});

void test('ambiguous pod name: exit 2 listing the candidates', () => {
  const args = [
    'trace',
    ...shop('cluster-vxlan.yaml', 'pods.yaml'),
    '--from',
    'api',
    '--to',
    'shop/db',
    '--port',
    '5432',
  ];
  const r = runCli(args);
  assert.equal(r.status, 2);
  assert.equal(
    r.stderr,
    'netpol-lens: source name "api" is ambiguous: give its namespace; closest: shop/api, staging/api\n',
  );
});

void test('host-gw fixture: delivered without encapsulation', () => {
  const files = shop('cluster-host-gw.yaml', 'pods.yaml', 'policies.yaml');
  const args = [
    'trace',
    ...files,
    '--from',
    'shop/api',
    '--to',
    'shop/db',
    '--port',
    '5432',
    '--format',
    'json',
  ];
  const r = runJson<TraceJson>(args);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.json.verdict, 'delivered');
  assert.ok(r.json.hops.every((h) => h.encapsulation === null && h.device !== 'flannel.1'));
});

void test('usage errors: missing --port, bad protocol, bad address — exit 2, nothing on stdout', () => {
  for (const args of [
    [
      'trace',
      'samples/seed',
      'samples/seed-policies-fixed.yaml',
      '--from',
      'default/web',
      '--to',
      'default/db',
    ],
    [...trace('default/web', 'default/db', '5432'), '--protocol', 'ICMP'],
    trace('default/web', '10.0.0.999', '80'),
    trace('default/web', 'default/db', '70000'),
  ]) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /netpol-lens: /);
  }
});

void test('an unused address in a pod CIDR: dropped at ARP on node-2, verdict worded as the trace view words it', () => {
  const r = runCli(trace('default/web', '10.244.1.200', '80'));
  assert.equal(r.status, 0);
  assert.ok(r.stdout.split('\n').includes('Dropped: nobody answered ARP for 10.244.1.200'));
  assert.match(
    r.stdout,
    /\n7 {5}node-2 {2}root {9}cni0 {10}cni0 ARPs for 10\.244\.1\.200 and nobody answers/,
  );
});
